/**
 * A small PowerPoint template built in the test (fictional house style "Northwind"): the parts
 * theme import reads, as PowerPoint writes them: presentation.xml with the slide size and the
 * master, the master with a logo picture and a footer placeholder, its theme with a colour and
 * a font scheme, and the logo PNG.
 */
import { strToU8, zipSync } from 'fflate';
import { PNG } from 'pngjs';

const NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface TemplateSpec {
  colors: Record<'dk1' | 'lt1' | 'dk2' | 'lt2' | 'accent1' | 'accent2' | 'accent3' | 'accent4' | 'accent5' | 'accent6', string>;
  heading: string;
  body: string;
  /** EMU. */
  size: { cx: number; cy: number };
  footer: string;
  /** The master's logo frame, EMU. */
  logo: { x: number; y: number; cx: number; cy: number };
}

export const NORTHWIND: TemplateSpec = {
  colors: { dk1: '000000', lt1: 'FFFFFF', dk2: '0E2841', lt2: 'E7ECF2', accent1: 'F2B705', accent2: '2E86AB', accent3: 'A23B72', accent4: 'F18F01', accent5: 'C73E1D', accent6: '3B1F2B' },
  heading: 'Segoe UI Semibold',
  body: 'Calibri',
  size: { cx: 9144000, cy: 6858000 },
  footer: 'Northwind Traders · Internal',
  // Top right, beside the title: 9.45 in from the left of a 10 in slide, 0.4 in down, 0.5 x 0.25 in.
  logo: { x: 8641080, y: 365760, cx: 457200, cy: 228600 },
};

/** A logo of one colour, 40 x 20 px unless given, as PNG bytes. */
export function logoPng(width = 40, height = 20): Uint8Array {
  const p = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) p.data.set([0x1b, 0x3a, 0x5c, 255], i * 4);
  return PNG.sync.write(p);
}

export function buildTemplate(spec: TemplateSpec = NORTHWIND): Uint8Array {
  const clr = (k: keyof TemplateSpec['colors']) => (k === 'dk1' ? `<a:dk1><a:sysClr val="windowText" lastClr="${spec.colors.dk1}"/></a:dk1>` : `<a:${k}><a:srgbClr val="${spec.colors[k]}"/></a:${k}>`);
  const theme = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Northwind"><a:themeElements>
<a:clrScheme name="Northwind">${(['dk1', 'lt1', 'dk2', 'lt2', 'accent1', 'accent2', 'accent3', 'accent4', 'accent5', 'accent6'] as const).map(clr).join('')}<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>
<a:fontScheme name="Northwind"><a:majorFont><a:latin typeface="${spec.heading}"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="${spec.body}"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme>
<a:fmtScheme name="Office"/></a:themeElements></a:theme>`;
  const master = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sldMaster ${NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>
<p:pic><p:nvPicPr><p:cNvPr id="7" name="Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="rId3"/><a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr><a:xfrm><a:off x="${spec.logo.x}" y="${spec.logo.y}"/><a:ext cx="${spec.logo.cx}" cy="${spec.logo.cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>
<p:sp><p:nvSpPr><p:cNvPr id="5" name="Footer Placeholder 4"/><p:cNvSpPr/><p:nvPr><p:ph type="ftr" sz="quarter" idx="3"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="en-US"/><a:t>${spec.footer}</a:t></a:r></a:p></p:txBody></p:sp>
</p:spTree></p:cSld></p:sldMaster>`;
  const rels = (items: Array<[string, string, string]>) =>
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.map(([id, type, target]) => `<Relationship Id="${id}" Type="${REL}/${type}" Target="${target}"/>`).join('')}</Relationships>`;
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="png" ContentType="image/png"/><Default Extension="xml" ContentType="application/xml"/></Types>'),
    'ppt/presentation.xml': strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:presentation ${NS}><p:sldMasterIdLst><p:sldMasterId id="2147483648" r:id="rId1"/></p:sldMasterIdLst><p:sldSz cx="${spec.size.cx}" cy="${spec.size.cy}"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`),
    'ppt/_rels/presentation.xml.rels': strToU8(rels([['rId1', 'slideMaster', 'slideMasters/slideMaster1.xml'], ['rId2', 'theme', 'theme/theme1.xml']])),
    'ppt/slideMasters/slideMaster1.xml': strToU8(master),
    'ppt/slideMasters/_rels/slideMaster1.xml.rels': strToU8(rels([['rId2', 'theme', '../theme/theme1.xml'], ['rId3', 'image', '../media/image1.png']])),
    'ppt/theme/theme1.xml': strToU8(theme),
    'ppt/media/image1.png': logoPng(),
  });
}
