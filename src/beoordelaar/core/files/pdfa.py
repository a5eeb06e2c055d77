"""PDF/A-2b for our documents (letters, the proces-verbaal, the dossier's summary), for the archive: the XMP metadata
that says so and repeats the document information, and an sRGB output intent. The fonts are embedded already
(fonts.py); reportlab writes neither of the other two by itself, so they are added to its catalog on the first page.
"""

from __future__ import annotations

from functools import cache
from html import escape

from PIL import ImageCms
from reportlab.pdfbase.pdfdoc import XMP as XMPStream
from reportlab.pdfbase.pdfdoc import PDFArray, PDFCatalog, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.pdfgen.canvas import Canvas

_PROFILE_NAME = "sRGB IEC61966-2.1"


@cache
def srgb_profile() -> bytes:
    """An sRGB ICC profile (littleCMS's, through Pillow), its creation date fixed so equal documents stay equal."""
    data = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    data[24:36] = bytes([0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0])  # 2000-01-01 00:00:00, as invariant PDFs date
    data[84:100] = bytes(16)  # no profile id: it would hash the date
    return bytes(data)


def _xmp_date(pdf_date: str) -> str:
    """D:20000101000000+00'00' -> 2000-01-01T00:00:00+00:00."""
    d = pdf_date.removeprefix("D:")
    zone = d[14:].replace("'", "")
    zone = "Z" if zone in ("", "Z") else f"{zone[:3]}:{zone[3:5] or '00'}"
    return f"{d[0:4]}-{d[4:6]}-{d[6:8]}T{d[8:10]}:{d[10:12]}:{d[12:14]}{zone}"


def _xmp(doc: object) -> bytes:
    info = doc.info  # type: ignore[attr-defined]
    stamp = doc._timeStamp  # type: ignore[attr-defined]
    yyyy, mm, dd, hh, mi, ss = stamp.YMDhms
    created = _xmp_date(f"D:{yyyy:04d}{mm:02d}{dd:02d}{hh:02d}{mi:02d}{ss:02d}{stamp.dhh:+03d}'{stamp.dmm:02d}'")
    x = {k: escape(str(getattr(info, k)), quote=True) for k in ("title", "author", "subject", "creator", "producer",
                                                                 "keywords")}  # fmt: skip
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{x["title"]}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{x["author"]}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{x["subject"]}</rdf:li></rdf:Alt></dc:description>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreatorTool>{x["creator"]}</xmp:CreatorTool>
<xmp:CreateDate>{created}</xmp:CreateDate><xmp:ModifyDate>{created}</xmp:ModifyDate>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{x["producer"]}</pdf:Producer><pdf:Keywords>{x["keywords"]}</pdf:Keywords><pdf:Trapped>False</pdf:Trapped>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


class _PlainXMP(XMPStream):
    """The XMP stream without any filter (reportlab would compress it, or write an empty /Filter), so the metadata
    stays readable as plain XML, as PDF/A asks."""

    def format(self, document: object) -> bytes:
        content = self.makeContent(document)
        dictionary = PDFDictionary(self.dictionary.dict.copy())
        content = document.encrypt.encode(content)  # type: ignore[attr-defined]
        dictionary["Length"] = len(content)
        return pdf_format(dictionary, document) + b"\nstream\n" + pdf_format(content, document) + b"endstream\n"


def mark_archival(canvas: Canvas) -> None:
    """Make the document PDF/A-2b: its XMP metadata and an sRGB output intent in the catalog (once per document)."""
    doc = canvas._doc
    catalog = doc.Catalog
    if getattr(catalog, "OutputIntents", None) is not None:
        return
    catalog.__NoDefault__ = [*PDFCatalog.__NoDefault__, "OutputIntents"]  # reportlab writes only the keys it lists
    catalog.Metadata = _PlainXMP(creator=_xmp)
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"), "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(_PROFILE_NAME), "Info": PDFString(_PROFILE_NAME),
            "DestOutputProfile": doc.Reference(profile),
        }
    )  # fmt: skip
    catalog.OutputIntents = PDFArray([intent])
