using TwoWay.Domain;
using TwoWay.Qualitative;
using TwoWay.Qualitative.Suggestions;

namespace TwoWay.Qualitative.Tests;

/// <summary>The pure suggester (issue 13): one rule per test, on hand-written sentences.</summary>
public sealed class OperationSuggesterTests
{
    private static CountryCode C(string code) => CountryCode.TryParse(code, out var c) ? c : throw new ArgumentException(code);

    private static readonly SuggestionLexicon Lexicon = new(
        [
            new(Direction.Inward, Mode.GoodsTrade, @"import(?:ed|ing|s)?|bought (?:\w+ ){0,3}from|импортир\w*"),
            new(Direction.Inward, Mode.Licensing, @"licen[cs]e from"),
            new(Direction.Outward, Mode.GoodsTrade, @"export(?:ed|ing|s)? (?:\w+ ){0,3}to|agent in"),
            new(Direction.Outward, Mode.SalesSubsidiary, @"opened (?:a )?(?:sales )?(?:subsidiary|office)"),
        ],
        [("Germany", C("DE")), ("German", C("DE")), ("Sweden", C("SE")), ("Swedish", C("SE")), ("Italian", C("IT")),
         ("Serbia", C("RS")), ("Германи*", C("DE")), ("Sarajevo", C("BA")), ("Turkey", C("TR"))]);

    private static IReadOnlyList<OperationSuggestion> Find(string text, string? home = null) =>
        OperationSuggester.Find(new Source(Guid.NewGuid(), "t", text), Lexicon, home is null ? null : C(home));

    private static string Quote(string text, OperationSuggestion s) => text[s.Sentence.Start..s.Sentence.End];

    [Fact]
    public void A_cue_and_a_country_in_one_sentence_make_a_suggestion_with_its_year_and_partner()
    {
        const string text = "R: We were founded in 1994. In 1999 we took a licence from Valvola Nord S.p.A. in the Italian north. Then we grew.";
        var s = Assert.Single(Find(text));
        Assert.Equal((Direction.Inward, Mode.Licensing, "IT", 1999), (s.Direction, s.Mode, s.Country.Value, s.Year));
        Assert.Equal("Valvola Nord S.p.A.", s.Partner);
        Assert.Equal("In 1999 we took a licence from Valvola Nord S.p.A. in the Italian north.", Quote(text, s)); // "S.p.A." ends no sentence
    }

    [Fact]
    public void A_sentence_without_a_country_suggests_nothing()
    {
        Assert.Empty(Find("We imported castings for years."));
    }

    [Fact]
    public void A_negation_or_a_wish_before_the_cue_cancels_it()
    {
        Assert.Empty(Find("We did not export much to Sweden."));
        Assert.Empty(Find("We always wanted to export to Sweden."));
        Assert.Single(Find("We exported to Sweden."));
    }

    [Fact]
    public void A_cue_ending_in_a_preposition_takes_the_country_that_follows_it()
    {
        // "agent in" names where; the German fabric earlier in the sentence is no export market.
        Assert.Empty(Find("German fabric is what our agent in Yerevan sells."));
        var s = Assert.Single(Find("In 2001 we sold through an agent in Sarajevo."));
        Assert.Equal("BA", s.Country.Value);
    }

    [Fact]
    public void A_country_across_a_semicolon_belongs_to_another_clause()
    {
        Assert.Empty(Find("Imports were half of our costs; the Swedish market was the rest."));
        Assert.Equal("SE", Assert.Single(Find("Imports of Swedish steel were half of our costs.")).Country.Value);
    }

    [Fact]
    public void The_home_country_is_never_a_partner()
    {
        var s = Assert.Single(Find("Serbian and German engineers imported the line.", home: "RS"));
        Assert.Equal("DE", s.Country.Value);
        Assert.Empty(Find("We imported from Serbia.", home: "RS"));
    }

    [Fact]
    public void Inflected_words_match_by_their_stem_and_positions_are_utf16_units()
    {
        const string text = "В: 🚢 С чего всё началось?\r\nО: Сначала мы импортировали станки из Германии в 1997 году.";
        var s = Assert.Single(Find(text));
        Assert.Equal((Direction.Inward, Mode.GoodsTrade, "DE", 1997), (s.Direction, s.Mode, s.Country.Value, s.Year));
        Assert.Equal("О: Сначала мы импортировали станки из Германии в 1997 году.", Quote(text, s));
        Assert.Equal("импортировали", text[s.Cue.Start..s.Cue.End]);
    }

    [Fact]
    public void Country_words_keep_their_capitals_and_one_sentence_may_hold_two_operations()
    {
        Assert.Empty(Find("We imported turkey meat."));
        var two = Find("We opened a sales office in Germany and exported to Sweden.");
        Assert.Equal([(Mode.SalesSubsidiary, "DE"), (Mode.GoodsTrade, "SE")], two.Select(s => (s.Mode, s.Country.Value)));
    }

    [Fact]
    public void Sentences_end_at_stops_and_line_breaks_but_not_at_legal_forms()
    {
        const string text = "Kessler Armaturen GmbH. supplied us.\nSecond line! Third? d.o.o. stays";
        var spans = OperationSuggester.Sentences(text).Select(s => text[s.Start..s.End]).ToList();
        Assert.Equal(["Kessler Armaturen GmbH.", "supplied us.", "Second line!", "Third?", "d.o.o. stays"], spans);
    }
}
