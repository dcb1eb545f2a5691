// The few parts of sax's API the parser comparison uses (sax ships no types).
declare module 'sax' {
  interface SaxTag {
    readonly name: string;
  }
  interface SaxParser {
    onopentag: (tag: SaxTag) => void;
    ontext: (text: string) => void;
    oncdata: (text: string) => void;
    onclosetag: (name: string) => void;
    ondoctype: (doctype: string) => void;
    onerror: (error: Error) => void;
    write(chunk: string): SaxParser;
    close(): SaxParser;
  }
  const sax: { parser(strict: boolean, options?: { strictEntities?: boolean }): SaxParser };
  export default sax;
}
