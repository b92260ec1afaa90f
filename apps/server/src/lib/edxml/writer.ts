/**
 * A minimal XML writer that keeps the prefixes it is given. The packages the national axis'
 * library writes put the edXML namespace on the root as the default and name every element with
 * the prefix edXML bound to the same namespace; receivers that match on the prefixed name (some
 * do) need exactly that. XML builders that serialise by the namespace algorithm (xmlbuilder2)
 * drop such a prefix as redundant, so the few elements of a package are written here: text and
 * attribute values escaped, UTF-8, two-space indentation.
 */
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;');
// Characters XML 1.0 does not allow, even escaped.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export class XmlNode {
  private readonly children: XmlNode[] = [];
  private readonly attributes: Array<[string, string]> = [];
  private text: string | null = null;

  constructor(readonly name: string) {}

  ele(name: string): XmlNode {
    const child = new XmlNode(name);
    this.children.push(child);
    return child;
  }

  att(name: string, value: string): this {
    this.attributes.push([name, value]);
    return this;
  }

  txt(value: string): this {
    if (FORBIDDEN.test(value)) throw new Error(`Ký tự không được phép trong XML ở ${this.name}.`);
    this.text = value;
    return this;
  }

  toString(indent = ''): string {
    const attributes = this.attributes.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('');
    if (this.children.length === 0)
      return this.text === null
        ? `${indent}<${this.name}${attributes}/>`
        : `${indent}<${this.name}${attributes}>${escapeText(this.text)}</${this.name}>`;
    const inner = this.children.map((c) => c.toString(`${indent}  `)).join('\n');
    return `${indent}<${this.name}${attributes}>\n${inner}\n${indent}</${this.name}>`;
  }
}

export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.toString()}\n`;
}
