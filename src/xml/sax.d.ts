/** The part of sax 1.x (no bundled types) the gateway's streaming XML reader uses. */
declare module 'sax' {
  export interface QualifiedTag {
    name: string;
    attributes: Record<string, string>;
    isSelfClosing: boolean;
    /** With `xmlns: true`: the local name and the namespace URI the prefix is bound to. */
    local?: string;
    uri?: string;
  }
  export interface ProcessingInstruction {
    name: string;
    body: string;
  }
  export interface SAXParser {
    line: number;
    column: number;
    error: Error | null;
    onerror: (err: Error) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onprocessinginstruction: (pi: ProcessingInstruction) => void;
    ondoctype: (doctype: string) => void;
    onsgmldeclaration: (decl: string) => void;
    onopentagstart: (tag: { name: string }) => void;
    onattribute: (attr: { name: string; value: string }) => void;
    onopentag: (tag: QualifiedTag) => void;
    onclosetag: (name: string) => void;
    write(chunk: string): SAXParser;
    close(): SAXParser;
  }
  export function parser(
    strict: boolean,
    options?: { xmlns?: boolean; position?: boolean; trim?: boolean; normalize?: boolean },
  ): SAXParser;
}
