// The `@bio/core-http/testing` entry: recorded fixtures, msw replay, a loopback replay server and
// the recorder. Listed by hand. Node only (reads files, starts servers); msw is an optional peer
// dependency needed by the replay functions.

export type {
  Fixture,
  FixtureBody,
  FixtureExchange,
  FixtureFilePart,
  FixtureProvenance,
  FixtureRequest,
  FixtureResponse,
  ScrubOptions,
} from './fixture-types.js';
export { FixtureFormatError, loadFixtures, validateFixture } from './load-fixtures.js';
export { type FixtureScenarios, type FixtureScenariosOptions, fixtureScenarios, requestOf } from './fixture-scenarios.js';
export { FixtureMatcher, jsonDifference, REDACTED, readRequest, sameValue, toResponse } from './match.js';
export type { FixtureMatch, FixtureMatcherOptions, IncomingRequest, LenientQuery } from './match.js';
export { parseXml, xmlDifference } from './xml-tree.js';
export type { XmlElement, XmlNode } from './xml-tree.js';
export { fixtureHandlers, isUnmatchedRequestError, UnmatchedRequestError } from './fixture-handlers.js';
export type { FixtureHandlersOptions, FixtureReplayOptions } from './fixture-handlers.js';
export { createFixtureServer, unmatchedRequests } from './fixture-server.js';
export type { FixtureServer, FixtureServerOptions } from './fixture-server.js';
export { startLoopbackFixtureServer } from './loopback-server.js';
export type { LoopbackFixtureServer, LoopbackFixtureServerOptions } from './loopback-server.js';
export { recordingFetch, scrubExchange } from './recorder.js';
export type { RecordingFetchOptions } from './recorder.js';
export { createRecorder, formatFixture, writeFixture } from './write-fixture.js';
export type { Recorder, RecorderOptions } from './write-fixture.js';
export { recordScenarios } from './record-scenarios.js';
export type { RecordScenario, RecordScenarioResult, RecordScenariosOptions } from './record-scenarios.js';
export { createServiceSimulator } from './simulator.js';
export type {
  ListeningSimulator,
  ServiceDefinitionForSimulator,
  SimulatedRequest,
  Simulator,
  SimulatorFaultControl,
  SimulatorFaults,
} from './simulator.js';
