// Row types of the EMX2 schema "pet store", generated from its _schema metadata by generateTypes (@bio/molgenis/emx2).

/** table "Category" */
export interface Category {
  /** STRING, primary key, required */
  name: string;
}

/** table "Order" */
export interface Order {
  /** AUTO_ID, primary key, required */
  orderId: string;
  /** SELECT */
  pet: Pick<Pet, 'name'> | null;
  /** how many would you like ? — LONG */
  quantity: number | bigint | null;
  /** DECIMAL */
  price: number | null;
  /** BOOL */
  complete: boolean | null;
  /** STRING */
  status: string | null;
  /** DATETIME */
  timestamp: Date | null;
}

/** My pet store example table — table "Pet" */
export interface Pet {
  /** the name — STRING, primary key, required */
  name: string;
  /** RADIO, required */
  category: Pick<Category, 'name'> | null;
  /** STRING_ARRAY */
  photoUrls: string[];
  /** STRING */
  status: string | null;
  /** ONTOLOGY_ARRAY */
  tags: Pick<Tag, 'name'>[];
  /** DECIMAL, required */
  weight: number | null;
  /** REFBACK */
  orders: Pick<Order, 'orderId'>[];
}

/** table "Tag" */
export interface Tag {
  /** INT */
  order: number | null;
  /** STRING, primary key, required */
  name: string;
  /** STRING */
  label: string | null;
  /** REF */
  parent: Pick<Tag, 'name'> | null;
  /** STRING */
  codesystem: string | null;
  /** STRING */
  code: string | null;
  /** HYPERLINK */
  ontologyTermURI: string | null;
  /** TEXT */
  definition: string | null;
  /** REFBACK */
  children: Pick<Tag, 'name'>[];
}

/** table "User" */
export interface User {
  /** STRING, primary key, required */
  username: string;
  /** STRING */
  firstName: string | null;
  /** STRING */
  lastName: string | null;
  /** FILE */
  picture: { id?: string; size?: number; filename?: string; extension?: string; url?: string } | null;
  /** EMAIL */
  email: string | null;
  /** STRING */
  password: string | null;
  /** STRING */
  phone: string | null;
  /** INT */
  userStatus: number | null;
  /** MULTISELECT */
  pets: Pick<Pet, 'name'>[];
  /** STRING */
  street: string | null;
}
