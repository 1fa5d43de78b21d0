using FsCheck;
using FsCheck.Xunit;
using TwoWay.Input;

namespace TwoWay.Qualitative.Tests;

/// <summary>A phrase typed as one reads it is found in the transcript as it is written (issue 16).</summary>
public class PhraseTextTests
{
    [Theory]
    [InlineData("Russia\u2019s market was closed to us.", "Russia's market", "Russia\u2019s market")]
    [InlineData("the \u201Cfirst\u201D customer", "the \"first\" customer", "the \u201Cfirst\u201D customer")]
    [InlineData("We exported \u2013 slowly \u2014 to Sweden.", "exported - slowly - to", "exported \u2013 slowly \u2014 to")]
    [InlineData("we licensed the\r\ndesign   from them", "licensed the design from", "licensed the\r\ndesign   from")]
    [InlineData("Сначала мы\nимпортировали станки", "мы импортировали", "мы\nимпортировали")]
    [InlineData("ჯერ გერმანიიდან ვიყიდეთ", "გერმანიიდან ვიყიდეთ", "გერმანიიდან ვიყიდეთ")]
    [InlineData("Prvo smo uvozili iz Nemačke 🚢 pa izvozili", "Nemačke 🚢", "Nemačke 🚢")]
    [InlineData("text ending in an emoji 🚢", "emoji 🚢", "emoji 🚢")]
    [InlineData("Abbiamo iniziato con l\u2019importazione", "l'importazione", "l\u2019importazione")]
    public void Differences_of_space_quote_and_dash_style_are_not_a_different_phrase(string text, string typed, string found)
    {
        var span = TextSearch.LocateUnique(text, typed, "t");
        Assert.Equal(found, span.Of(text));
    }

    [Fact]
    public void Other_capitals_are_named_with_the_transcript_s_own_spelling()
    {
        var text = "Потом мы начали Экспорт в Швецию.";
        var e = Assert.Throws<InputException>(() => TextSearch.LocateUnique(text, "начали экспорт", "ru"));
        Assert.Contains("occurs only with other capitals", e.Message);
        Assert.Contains("\"начали Экспорт\"", e.Message);
        Assert.Contains("at 9–23", e.Message); // "Потом мы " is 9 UTF-16 units
    }

    [Fact]
    public void An_absent_phrase_says_what_is_ignored_and_an_ambiguous_one_lists_where()
    {
        var text = "export, export and export";
        Assert.Contains("letter case is not", Assert.Throws<InputException>(() => TextSearch.LocateUnique(text, "import", "t")).Message);
        var many = Assert.Throws<InputException>(() => TextSearch.LocateUnique(text, "export", "t")).Message;
        Assert.Contains("more than once (3 times, at 0–6, 8–14, 19–25)", many);
        Assert.Contains("is empty", Assert.Throws<InputException>(() => TextSearch.LocateUnique(text, "  \n ", "t")).Message);
    }

    /// <summary>
    /// Any phrase cut from a transcript and retyped with other whitespace, quotes and dashes is found
    /// at the place it was cut from, as long as it occurs there only (checked by construction).
    /// </summary>
    [Property(MaxTest = 300)]
    public bool A_retyped_cut_is_found_where_it_was_cut(NonEmptyString prefix, NonEmptyString middle, NonEmptyString suffix)
    {
        static string Clean(string s) => new(s.Where(c => !char.IsSurrogate(c) && !char.IsControl(c)).ToArray());
        var marker = "\u2019Ω\u2014 ";
        var cut = "Ж" + Clean(middle.Get) + marker + "Ж";
        var text = Clean(prefix.Get) + " " + cut + " " + Clean(suffix.Get);
        if (PhraseText.FindAll(text, cut, ignoreCase: false).Count != 1) return true; // the cut recurs: not this property's case
        var retyped = cut.Replace("\u2019", "'").Replace("\u2014", "-").Replace(" ", "\n  ");
        var span = TextSearch.LocateUnique(text, retyped, "t");
        return span.Of(text) == cut;
    }
}
