using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace TwoWay.Reports.Documents;

/// <summary>
/// Writes a <see cref="WrittenDocument"/> as a Word file (.docx, Office Open XML) with real
/// heading styles, so Word's navigation pane and screen readers see the structure, and numbered
/// items as text with a hanging indent (the numbers stay when the file is pasted elsewhere).
/// </summary>
public static class WordDocument
{
    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> (created or replaced).</summary>
    public static void Write(WrittenDocument document, string path)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var word = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = word.AddMainDocumentPart();
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = Styles();
        word.PackageProperties.Title = document.Title;
        word.PackageProperties.Creator = "TwoWay";

        var body = new Body();
        body.Append(Styled("Title", [new Run(document.Title)]));
        foreach (var block in document.Blocks)
        {
            body.Append(block switch
            {
                DocumentBlock.Heading h => Styled("Heading" + Math.Clamp(h.Level, 1, 3), [new Run(h.Text)]),
                DocumentBlock.Paragraph p => Styled(null, p.Runs),
                DocumentBlock.Item i => Hanging([new Run(i.Number + ".\t"), .. i.Runs], spaceAfter: i.Note.Count > 0 ? 0 : 120),
                DocumentBlock.Bullet u => Hanging([new Run("•\t"), .. u.Runs], spaceAfter: 60),
                _ => throw new ArgumentOutOfRangeException(nameof(document), block.GetType().Name, "not a block kind"),
            });
            if (block is DocumentBlock.Item { Note.Count: > 0 } item) body.Append(Hanging([new Run("\t"), .. item.Note], spaceAfter: 160));
        }
        body.Append(new SectionProperties(new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1440, Bottom = 1440, Left = 1440U, Right = 1440U, Header = 708U, Footer = 708U, Gutter = 0U }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    private static Paragraph Styled(string? style, IReadOnlyList<Run> runs)
    {
        var p = new Paragraph();
        if (style is not null) p.Append(new ParagraphProperties(new ParagraphStyleId { Val = style }));
        p.Append(runs.Select(Text));
        return p;
    }

    private static Paragraph Hanging(IReadOnlyList<Run> runs, int spaceAfter)
    {
        var p = new Paragraph(new ParagraphProperties(
            new Tabs(new TabStop { Val = TabStopValues.Left, Position = 425 }),
            new SpacingBetweenLines { After = spaceAfter.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            new Indentation { Left = "425", Hanging = "425" }));
        p.Append(runs.Select(Text));
        return p;
    }

    private static DocumentFormat.OpenXml.Wordprocessing.Run Text(Run run)
    {
        var r = new DocumentFormat.OpenXml.Wordprocessing.Run();
        if (run.Italic) r.Append(new RunProperties(new Italic()));
        // A tab is its own element in WordprocessingML; text keeps its spaces.
        var parts = run.Text.Split('\t');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i > 0) r.Append(new TabChar());
            if (parts[i].Length > 0) r.Append(new Text(parts[i]) { Space = SpaceProcessingModeValues.Preserve });
        }
        return r;
    }

    private static Styles Styles()
    {
        static Style Paragraph(string id, string name, int? outline, string size, bool bold, string after)
        {
            var pPr = new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "240", After = after });
            if (outline is { } level) pPr.Append(new OutlineLevel { Val = level });
            var rPr = new StyleRunProperties(new FontSize { Val = size });
            if (bold) rPr.PrependChild(new Bold());
            return new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" },
                new PrimaryStyle(), pPr, rPr) { Type = StyleValues.Paragraph, StyleId = id };
        }
        var normal = new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(),
            new StyleParagraphProperties(new SpacingBetweenLines { After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }),
            new StyleRunProperties(new RunFonts { Ascii = "Calibri", HighAnsi = "Calibri", ComplexScript = "Calibri", EastAsia = "Calibri" }, new FontSize { Val = "22" }))
        { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true };
        return new Styles(normal,
            Paragraph("Title", "Title", null, "40", true, "240"),
            Paragraph("Heading1", "heading 1", 0, "30", true, "120"),
            Paragraph("Heading2", "heading 2", 1, "26", true, "80"),
            Paragraph("Heading3", "heading 3", 2, "23", true, "60"));
    }
}
