using System.Text;

namespace TwoWay.Reports.Documents;

/// <summary>
/// A short text document that TwoWay hands to people as a file (an interview guide): headings,
/// paragraphs and numbered items made of plain and italic runs. One model, two renderings —
/// <see cref="ToMarkdown"/> and <see cref="WordDocument.Write"/> — so the .md and .docx files say the same.
/// </summary>
public sealed record WrittenDocument(string Title, IReadOnlyList<DocumentBlock> Blocks)
{
    /// <summary>The document as Markdown (CommonMark): '#' headings, "N." items with their note indented under them.</summary>
    public string ToMarkdown()
    {
        var b = new StringBuilder();
        b.Append("# ").Append(Title).Append('\n').Append('\n');
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case DocumentBlock.Heading h:
                    b.Append('\n').Append('#', h.Level + 1).Append(' ').Append(h.Text).Append('\n').Append('\n');
                    break;
                case DocumentBlock.Paragraph p:
                    b.Append(Markdown(p.Runs)).Append('\n');
                    break;
                case DocumentBlock.Item i:
                    b.Append(i.Number).Append(". ").Append(Markdown(i.Runs)).Append('\n');
                    if (i.Note.Count > 0) b.Append(new string(' ', i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture).Length + 2)).Append(Markdown(i.Note)).Append('\n');
                    break;
                case DocumentBlock.Bullet u:
                    b.Append("- ").Append(Markdown(u.Runs)).Append('\n');
                    break;
            }
        }
        return b.ToString();
    }

    private static string Markdown(IReadOnlyList<Run> runs) =>
        string.Concat(runs.Select(r => r.Italic && r.Text.Trim().Length > 0 ? Italic(r.Text) : r.Text));

    // Emphasis markers must hug the text ("*Why:* "), so surrounding spaces stay outside them.
    private static string Italic(string text)
    {
        var start = text.Length - text.TrimStart().Length;
        var end = text.Length - text.TrimEnd().Length;
        return text[..start] + "*" + text.Trim() + "*" + text[(text.Length - end)..];
    }
}

/// <summary>A stretch of text, in italics or not.</summary>
public sealed record Run(string Text, bool Italic = false)
{
    public static implicit operator Run(string text) => new(text);
}

/// <summary>One block of a <see cref="WrittenDocument"/>.</summary>
public abstract record DocumentBlock
{
    private DocumentBlock() { }

    /// <summary>A section heading; level 1 is the highest under the title.</summary>
    public sealed record Heading(int Level, string Text) : DocumentBlock;

    /// <summary>A paragraph of running text.</summary>
    public sealed record Paragraph(IReadOnlyList<Run> Runs) : DocumentBlock;

    /// <summary>A numbered item (a question) with an optional note set under it (why it is asked).</summary>
    public sealed record Item(int Number, IReadOnlyList<Run> Runs, IReadOnlyList<Run> Note) : DocumentBlock;

    /// <summary>A bulleted line (a source).</summary>
    public sealed record Bullet(IReadOnlyList<Run> Runs) : DocumentBlock;
}
