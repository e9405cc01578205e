// `bio completion bash|zsh|fish`: shell completion scripts generated from the command tree, so
// they always list the commands and options this build has. Bash keys are the command path
// with `bio` first (an associative array cannot have an empty key).
import type { Command, Option } from 'commander';

/** The shells `bio completion` writes scripts for. */
export const SHELLS = ['bash', 'zsh', 'fish'] as const;
/**
 * A shell `bio completion` supports.
 *
 * @example
 * ```ts
 * const shell: Shell = 'fish';
 * ```
 */
export type Shell = (typeof SHELLS)[number];

interface Node {
  path: string[];
  command: Command;
}

function walk(command: Command, path: string[] = []): Node[] {
  const visible = command.commands.filter((c) => c.name() !== 'help');
  return [{ path, command }, ...visible.flatMap((c) => walk(c, [...path, c.name()]))];
}

function flags(option: Option): string[] {
  return [option.long, option.short].filter((f): f is string => typeof f === 'string');
}

/** The options a command accepts: its own and those of the commands above it. */
function optionsOf(program: Command, path: readonly string[]): Option[] {
  const out: Option[] = [...program.options];
  let command = program;
  for (const name of path) {
    const next = command.commands.find((c) => c.name() === name);
    if (!next) break;
    command = next;
    out.push(...command.options);
  }
  return out;
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

function bash(program: Command): string {
  const nodes = walk(program);
  const children = nodes.map(
    ({ path, command }) =>
      `  [${quote(['bio', ...path].join(' '))}]=${quote(
        command.commands
          .filter((c) => c.name() !== 'help')
          .map((c) => c.name())
          .join(' '),
      )}`,
  );
  const options = nodes.map(
    ({ path }) => `  [${quote(['bio', ...path].join(' '))}]=${quote([...optionsOf(program, path).flatMap(flags), '--help'].join(' '))}`,
  );
  const choices = optionsOf(program, [])
    .concat(nodes.flatMap(({ command }) => command.options))
    .filter((o) => o.argChoices)
    .flatMap((o) => flags(o).map((f) => `    ${f}) COMPREPLY=($(compgen -W ${quote((o.argChoices ?? []).join(' '))} -- "$cur")); return;;`));
  return `# bash completion for bio (bio completion bash > /etc/bash_completion.d/bio, or: source <(bio completion bash))
declare -A _bio_children=(
${children.join('\n')}
)
declare -A _bio_options=(
${options.join('\n')}
)
_bio() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" path=bio word i
  case "$prev" in
${[...new Set(choices)].join('\n')}
  esac
  for ((i = 1; i < COMP_CWORD; i++)); do
    word="\${COMP_WORDS[i]}"
    if [[ "$word" != -* && " \${_bio_children[$path]} " == *" $word "* ]]; then path="$path $word"; fi
  done
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "\${_bio_options[$path]}" -- "$cur"))
  else
    COMPREPLY=($(compgen -W "\${_bio_children[$path]}" -- "$cur"))
  fi
}
complete -o default -F _bio bio
`;
}

function zsh(program: Command): string {
  // zsh runs bash completion functions through bashcompinit: one script to keep right.
  return `#compdef bio
# zsh completion for bio (bio completion zsh > "\${fpath[1]}/_bio", or: source <(bio completion zsh))
autoload -U +X bashcompinit && bashcompinit
${bash(program)}`;
}

function fish(program: Command): string {
  const lines = ['# fish completion for bio (bio completion fish > ~/.config/fish/completions/bio.fish)', 'complete -c bio -f'];
  const describe = (text: string): string => quote(text.split('\n')[0] ?? '');
  for (const { path, command } of walk(program)) {
    const subs = command.commands.filter((c) => c.name() !== 'help');
    const seen = path.map((p) => `__fish_seen_subcommand_from ${p}`);
    const none = subs.length > 0 ? [`not __fish_seen_subcommand_from ${subs.map((c) => c.name()).join(' ')}`] : [];
    const condition = (extra: string[]): string => {
      const parts = [...(path.length === 0 ? [] : seen), ...extra];
      return parts.length === 0 ? '' : ` -n ${quote(parts.join('; and '))}`;
    };
    for (const sub of subs)
      lines.push(`complete -c bio${condition(path.length === 0 ? ['__fish_use_subcommand'] : none)} -a ${sub.name()} -d ${describe(sub.description())}`);
    for (const option of command.options) {
      const long = option.long ? ` -l ${option.long.replace(/^--/, '')}` : '';
      const short = option.short ? ` -s ${option.short.replace(/^-/, '')}` : '';
      const values = option.argChoices ? ` -x -a ${quote(option.argChoices.join(' '))}` : option.required || option.optional ? ' -r' : '';
      lines.push(`complete -c bio${condition([])}${long}${short}${values} -d ${describe(option.description)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The completion script of `shell` for the commands of `program`.
 *
 * @example
 * ```ts
 * process.stdout.write(completionScript('bash', program));
 * ```
 */
export function completionScript(shell: Shell, program: Command): string {
  if (shell === 'bash') return bash(program);
  if (shell === 'zsh') return zsh(program);
  return fish(program);
}
