/**
 * Bounds on an XML document, enforced while it streams through the parser, so a hostile one
 * is refused at the first element past a bound, before any tree is built from it.
 */
export interface XmlLimits {
  /** Elements nested inside one another, the root counting as 1. */
  readonly maxDepth: number;
  /** Elements in the whole document. */
  readonly maxElements: number;
  /** Attributes (namespace declarations included) on one element. */
  readonly maxAttributes: number;
  /** Characters of text in one element (streamed elements, such as edXML attachments, excepted). */
  readonly maxTextChars: number;
}

/** The shipped defaults (`xml` in `config/gateway.yaml`); an edXML envelope is about 8 deep with a few hundred elements. */
export const DEFAULT_XML_LIMITS: XmlLimits = Object.freeze({
  maxDepth: 64,
  maxElements: 100_000,
  maxAttributes: 64,
  maxTextChars: 1_048_576,
});

let current: XmlLimits = DEFAULT_XML_LIMITS;

/** Set once by the composition root from the validated config; every parse then uses it. */
export function configureXmlLimits(limits: XmlLimits): void {
  current = Object.freeze({ ...limits });
}

export function xmlLimits(): XmlLimits {
  return current;
}
