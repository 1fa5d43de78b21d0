using TwoWay.Domain;
using static TwoWay.Domain.TraderState;

namespace TwoWay.Panels.Tests;

/// <summary>Hand-worked cases, one per spell rule of docs/methods.md.</summary>
public class SpellRuleTests
{
    private static List<ObservedYear> Years(int first, params TraderState[] states) =>
        states.Select((s, i) => new ObservedYear(first + i, s)).ToList();

    [Fact]
    public void Trader_state_from_values()
    {
        Assert.Equal(None, TraderStates.Of(0, 0));
        Assert.Equal(ImportOnly, TraderStates.Of(5, 0));
        Assert.Equal(ExportOnly, TraderStates.Of(0, 0.01));
        Assert.Equal(TraderState.TwoWay, TraderStates.Of(1, 1));
    }

    [Fact]
    public void A_firm_exporting_in_its_first_year_is_left_out()
    {
        Assert.Empty(EntrySpells.For(Years(2010, ExportOnly, None, ExportOnly), Direction.Outward));
        Assert.Empty(EntrySpells.For(Years(2010, TraderState.TwoWay, ImportOnly), Direction.Outward));
    }

    [Fact]
    public void Entry_in_the_second_year_is_an_event_in_interval_one_with_the_first_years_imports_as_lag()
    {
        var rows = EntrySpells.For(Years(2010, ImportOnly, ExportOnly, None), Direction.Outward);
        Assert.Equal([new SpellRow(1, 2011, true, true)], rows);
    }

    [Fact]
    public void Imp_lag_is_the_import_status_of_the_year_before_each_interval()
    {
        // y0 = 2010 none; 2011 imports; 2012 none; 2013 two-way → entry in interval 3, lag = imports in 2012 = no.
        var rows = EntrySpells.For(Years(2010, None, ImportOnly, None, TraderState.TwoWay), Direction.Outward);
        Assert.Equal([new SpellRow(1, 2011, false, false), new SpellRow(2, 2012, true, false), new SpellRow(3, 2013, false, true)], rows);
    }

    [Fact]
    public void Re_entry_is_ignored_the_spell_ends_at_the_first_export()
    {
        var rows = EntrySpells.For(Years(2000, None, ExportOnly, None, ExportOnly, None), Direction.Outward);
        Assert.Single(rows);
        Assert.True(rows[0].Entered);
        Assert.Equal(2001, rows[0].Year);
    }

    [Fact]
    public void A_gap_censors_the_spell_at_the_last_year_before_the_gap()
    {
        // Observed 2010, 2011, 2013 (2012 missing), exporting in 2013: not an event, censored at interval 1.
        var years = new List<ObservedYear> { new(2010, None), new(2011, ImportOnly), new(2013, ExportOnly) };
        var rows = EntrySpells.For(years, Direction.Outward);
        Assert.Equal([new SpellRow(1, 2011, false, false)], rows);
    }

    [Fact]
    public void A_firm_never_exporting_is_censored_at_its_last_year_and_one_observed_year_gives_no_rows()
    {
        var rows = EntrySpells.For(Years(2010, None, None, ImportOnly), Direction.Outward);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.False(r.Entered));
        Assert.Equal(2, rows[^1].Interval);
        Assert.Empty(EntrySpells.For(Years(2010, None), Direction.Outward));
    }

    [Fact]
    public void Import_entry_is_the_mirror_with_exports_as_lag()
    {
        Assert.Empty(EntrySpells.For(Years(2010, ImportOnly, None), Direction.Inward));
        var rows = EntrySpells.For(Years(2010, ExportOnly, None, ImportOnly), Direction.Inward);
        Assert.Equal([new SpellRow(1, 2011, true, false), new SpellRow(2, 2012, false, true)], rows);
    }
}
