using System.Xml;
using System.Xml.Linq;
using TwoWay.Input;

namespace TwoWay.Qualitative.Files.Refi;

/// <summary>
/// Loads REFI-QDA XML safely: DTDs are refused (so no entity expansion — "billion laughs" — and no
/// external entities), no resolver, and element names are read without their namespace so the
/// namespace variants other tools write (urn:QDA-XML:codebook:0:4, none) read the same. Size and
/// nesting depth are bounded by <see cref="ArchiveLimits"/>.
/// A file that ends early can be kept up to the last complete element when the caller allows it.
/// </summary>
internal static class SafeXml
{
    public sealed record Loaded(XElement Root, string? Namespace, string? TruncatedAt);

    public static Loaded Load(Stream stream, string fileName, bool keepTruncated)
    {
        var limits = ArchiveLimits.Default;
        var settings = limits.XmlSettings();
        settings.IgnoreComments = true;
        settings.IgnoreProcessingInstructions = true;
        XElement? root = null;
        string? ns = null;
        var stack = new Stack<XElement>();
        using var limited = limits.LimitRead(stream, fileName);
        using var reader = XmlReader.Create(limited, settings);
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        limits.CheckXmlDepth(stack.Count + 1, fileName);
                        var el = new XElement(reader.LocalName);
                        root ??= el;
                        ns ??= reader.NamespaceURI;
                        if (reader.HasAttributes)
                            while (reader.MoveToNextAttribute())
                                if (reader.Prefix != "xmlns" && reader.LocalName != "xmlns")
                                    el.SetAttributeValue(reader.Prefix.Length > 0 && reader.Prefix != "xsi" ? reader.Prefix + "_" + reader.LocalName : reader.LocalName, reader.Value);
                        reader.MoveToElement();
                        if (stack.Count > 0) stack.Peek().Add(el);
                        if (!reader.IsEmptyElement) stack.Push(el);
                        break;
                    case XmlNodeType.EndElement:
                        stack.Pop();
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace or XmlNodeType.Whitespace:
                        if (stack.Count > 0) stack.Peek().Add(new XText(reader.Value));
                        break;
                }
            }
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputException(fileName, e.LineNumber, null,
                "the XML declares a DTD, which is refused for safety (entity expansion is disabled)");
        }
        catch (XmlException e)
        {
            var truncated = e.Message.Contains("end of file", StringComparison.OrdinalIgnoreCase)
                || e.Message.Contains("Unexpected end", StringComparison.OrdinalIgnoreCase);
            if (keepTruncated && truncated && root is not null)
                return new Loaded(root, ns, $"line {e.LineNumber}");
            throw new InputException(fileName, e.LineNumber, null, truncated ? "the XML ends early (the file is truncated)" : $"not well-formed XML: {e.Message}");
        }
        if (root is null) throw new InputException(fileName, null, null, "the file is empty");
        return new Loaded(root, ns, null);
    }
}
