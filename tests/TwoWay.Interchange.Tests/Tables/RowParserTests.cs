using TwoWay.Domain;
using TwoWay.Input;
using TwoWay.Interchange.Tables;

namespace TwoWay.Interchange.Tests.Tables;

public class RowParserTests
{
    private readonly InputErrorCollector _errors = new();

    /// <summary>A parser over one row (line 7 of "f.csv") holding <paramref name="cells"/>.</summary>
    private RowParser Row(params (string Column, string? Value)[] cells)
    {
        var table = TableReader.ReadDelimited(new StringReader(
            string.Join(",", cells.Select(c => c.Column)) + "\n" + string.Join(",", cells.Select(c => Quote(c.Value)))), "f.csv");
        var row = table.Rows.Count == 1 ? table.Rows[0] with { Number = 7 } : new TableRow(7, cells.ToDictionary(c => c.Column, c => c.Value));
        return new RowParser(table, row, _errors);
    }

    private static string Quote(string? v) => v is null ? "" : "\"" + v.Replace("\"", "\"\"") + "\"";

    private string OnlyError() => Assert.Single(_errors.Errors).ToString();

    [Fact]
    public void Text_is_trimmed_and_blank_is_null()
    {
        var p = Row(("a", "  x  "), ("b", "   "));
        Assert.Equal("x", p.Text("a"));
        Assert.Null(p.Text("b"));
        Assert.Null(p.Text("absent"));
        Assert.True(p.Ok);
        Assert.Empty(_errors.Errors);
        Assert.Equal(7, p.RowNumber);
    }

    [Fact]
    public void Required_blank_value_is_reported_with_file_row_and_column()
    {
        var p = Row(("a", "x"), ("name", ""));
        Assert.Null(p.Text("name", required: true));
        Assert.False(p.Ok);
        Assert.Equal("f.csv, row 7, column 'name': a value is required here", OnlyError());
    }

    [Fact]
    public void Text_longer_than_the_maximum_is_reported()
    {
        var p = Row(("a", "abcd"), ("b", "abc"));
        Assert.Null(p.Text("a", maxLength: 3));
        Assert.Equal("abc", p.Text("b", maxLength: 3));
        Assert.Equal("f.csv, row 7, column 'a': the text is 4 characters long; at most 3 are allowed", OnlyError());
    }

    [Theory]
    [InlineData("42", 42)]
    [InlineData(" -3 ", -3)]
    public void Int_parses_invariant_whole_numbers(string text, int expected) =>
        Assert.Equal(expected, Row(("n", text)).Int("n"));

    [Theory]
    [InlineData("4.5", "'4.5' is not a whole number")]
    [InlineData("1,000", "'1,000' is not a whole number")]
    [InlineData("abc", "'abc' is not a whole number")]
    [InlineData("0", "0 is outside the allowed range 1–1000")]
    [InlineData("1001", "1001 is outside the allowed range 1–1000")]
    public void Int_reports_what_was_expected(string text, string message)
    {
        Assert.Null(Row(("n", text)).Int("n", 1, 1000));
        Assert.Equal($"f.csv, row 7, column 'n': {message}", OnlyError());
    }

    [Theory]
    [InlineData("250000", 250000)]
    [InlineData("1234.56", 1234.56)]
    [InlineData("1e3", 1000)]
    [InlineData("0", 0)]
    public void Decimal_parses_invariant_numbers(string text, double expected) =>
        Assert.Equal((decimal)expected, Row(("v", text)).Decimal("v"));

    [Theory]
    [InlineData("12,5", "'12,5' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("EUR 100", "'EUR 100' is not a number (use '.' as the decimal point, no thousands separators)")]
    [InlineData("-5", "-5 is negative; expected zero or more")]
    public void Decimal_reports_bad_numbers(string text, string message)
    {
        Assert.Null(Row(("v", text)).Decimal("v"));
        Assert.Equal($"f.csv, row 7, column 'v': {message}", OnlyError());
    }

    [Fact]
    public void Decimal_may_allow_negatives() => Assert.Equal(-5m, Row(("v", "-5")).Decimal("v", allowNegative: true));

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData("25%", 0.25)]
    [InlineData("25 %", 0.25)]
    [InlineData("100%", 1.0)]
    [InlineData("0", 0.0)]
    [InlineData("1", 1.0)]
    public void Share_reads_fractions_and_percentages(string text, double expected) =>
        Assert.Equal(expected, Row(("s", text)).Share("s")!.Value, 12);

    [Theory]
    [InlineData("1.5", "'1.5' is not a share between 0 and 1 (0% and 100%)")]
    [InlineData("120%", "'120%' is not a share between 0 and 1 (0% and 100%)")]
    [InlineData("-0.1", "'-0.1' is not a share between 0 and 1 (0% and 100%)")]
    [InlineData("a quarter", "'a quarter' is not a share (write 0.25 or 25%)")]
    [InlineData("NaN", "'NaN' is not a share (write 0.25 or 25%)")]
    public void Share_reports_bad_shares(string text, string message)
    {
        Assert.Null(Row(("s", text)).Share("s"));
        Assert.Equal($"f.csv, row 7, column 's': {message}", OnlyError());
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("TRUE", true)]
    [InlineData("1", true)]
    [InlineData("y", true)]
    [InlineData("No", false)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    public void Bool_reads_yes_no(string text, bool expected) => Assert.Equal(expected, Row(("b", text)).Bool("b"));

    [Fact]
    public void Bool_reports_other_words()
    {
        Assert.Null(Row(("b", "maybe")).Bool("b"));
        Assert.Equal("f.csv, row 7, column 'b': 'maybe' is not yes/no (use true/false, yes/no or 1/0)", OnlyError());
    }

    [Fact]
    public void List_splits_on_semicolons_and_bars()
    {
        Assert.Equal(["training", "trade_fairs", "x"], Row(("l", "training; trade_fairs | x;;")).List("l"));
        Assert.Empty(Row(("l", "")).List("l"));
    }

    [Fact]
    public void Parse_uses_the_try_parser_and_says_what_was_expected()
    {
        var p = Row(("start", "2007-13"), ("end", "2010-02"));
        Assert.Null(p.Parse<YearMonth>("start", YearMonth.TryParse, "a year-month"));
        Assert.Equal(new YearMonth(2010, 2), p.Parse<YearMonth>("end", YearMonth.TryParse, "a year-month"));
        Assert.Equal("f.csv, row 7, column 'start': '2007-13' is not a year-month", OnlyError());
    }

    [Fact]
    public void Every_bad_field_of_a_row_is_reported()
    {
        var p = Row(("a", "x"), ("b", "y"), ("c", ""));
        p.Int("a");
        p.Decimal("b");
        p.Text("c", required: true);
        Assert.Equal(["a", "b", "c"], _errors.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Build_turns_a_domain_argument_exception_into_a_column_error_without_the_parameter_suffix()
    {
        var p = Row(("end", "2001"));
        var built = p.Build<Operation>("end", () =>
            new Operation(new OperationId("o"), new FirmId("F"), Direction.Inward, Mode.GoodsTrade, CountryCode.Parse("DE"), new YearMonth(2005), new YearMonth(2001)));
        Assert.Null(built);
        Assert.Equal("f.csv, row 7, column 'end': The end 2001 is before the start 2005.", OnlyError());
    }

    [Fact]
    public void Build_without_a_column_names_the_parameter_in_snake_case()
    {
        var p = Row(("x", "1"));
        Assert.Null(p.Build<Evidence>(null, () => new Evidence(EvidenceKind.Document, interviewRound: 2)));
        Assert.Equal("f.csv, row 7, column 'interview_round': An interview round only applies to interview evidence.", OnlyError());
    }

    [Fact]
    public void Build_is_skipped_once_a_field_failed()
    {
        var p = Row(("n", "x"));
        p.Int("n");
        var called = false;
        Assert.Null(p.Build<object>(null, () => { called = true; return new object(); }));
        Assert.False(called);
    }

    [Fact]
    public void Schema_check_reports_missing_required_and_unknown_columns_on_the_header_row()
    {
        var table = TableReader.ReadDelimited(new StringReader("id,colour,attr:x\n1,red,3\n"), "f.csv");
        var columns = new ColumnSpec[] { new("id", true, "", ""), new("name", true, "", ""), new("note", false, "", "") };
        TableSchema.Check(table, columns, _errors, c => c.StartsWith("attr:"));
        Assert.Equal(
        [
            "f.csv, row 1, column 'name': this required column is missing from the header",
            "f.csv, row 1, column 'colour': unknown column; expected only: id, name, note",
        ], _errors.Errors.Select(e => e.ToString()));
    }
}
