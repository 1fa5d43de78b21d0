using System.IO.Compression;
using System.Security;

namespace TwoWay.Interchange.Tests.Tables;

/// <summary>
/// Writes a minimal .xlsx the way Excel stores a sheet: only non-empty rows and cells, each with
/// its explicit row number and cell reference, so readers must not count rows by position.
/// </summary>
public static class SparseXlsx
{
    /// <param name="path">The .xlsx file to write.</param>
    /// <param name="rows">Spreadsheet row number → cells (column letter → inline text).</param>
    public static void Write(string path, IReadOnlyDictionary<int, IReadOnlyDictionary<string, string>> rows)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        void Entry(string name, string xml)
        {
            using var w = new StreamWriter(zip.CreateEntry(name).Open());
            w.Write(xml);
        }
        Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
        Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        Entry("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>""");
        Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
        var data = string.Concat(rows.OrderBy(r => r.Key).Select(r =>
            $"<row r=\"{r.Key}\">" + string.Concat(r.Value.OrderBy(c => c.Key).Select(c =>
                $"<c r=\"{c.Key}{r.Key}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(c.Value)}</t></is></c>")) + "</row>"));
        Entry("xl/worksheets/sheet1.xml", $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>""");
    }
}
