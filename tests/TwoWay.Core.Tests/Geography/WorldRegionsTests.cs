using TwoWay.Domain;
using TwoWay.Geography;

namespace TwoWay.Tests.Geography;

public class WorldRegionsTests
{
    [Fact]
    public void Every_one_of_the_249_iso_codes_is_mapped_and_nothing_else()
    {
        var all = CountryCode.All.ToList();
        Assert.Equal(249, all.Count);
        var unmapped = all.Where(c => !WorldRegions.IsMapped(c)).Select(c => c.Value).ToList();
        Assert.Empty(unmapped);
        // The table holds no code outside ISO 3166-1 (Build() would throw on a duplicate).
        Assert.Equal(249, all.Select(WorldRegions.Of).Count());
        Assert.Equal(249, WorldRegionsCount());
    }

    private static int WorldRegionsCount() =>
        typeof(WorldRegions).GetProperty("MappedCount", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .GetValue(null) is int n ? n : -1;

    [Theory]
    [InlineData("RS", "150", "Europe", "039", "Southern Europe", null)]
    [InlineData("PL", "150", "Europe", "151", "Eastern Europe", null)]
    [InlineData("UA", "150", "Europe", "151", "Eastern Europe", null)]
    [InlineData("GB", "150", "Europe", "154", "Northern Europe", null)]
    [InlineData("JE", "150", "Europe", "154", "Northern Europe", "Channel Islands")]
    [InlineData("DE", "150", "Europe", "155", "Western Europe", null)]
    [InlineData("GE", "142", "Asia", "145", "Western Asia", null)]
    [InlineData("AM", "142", "Asia", "145", "Western Asia", null)]
    [InlineData("CY", "142", "Asia", "145", "Western Asia", null)]
    [InlineData("KZ", "142", "Asia", "143", "Central Asia", null)]
    [InlineData("CN", "142", "Asia", "030", "Eastern Asia", null)]
    [InlineData("IR", "142", "Asia", "034", "Southern Asia", null)]
    [InlineData("US", "019", "Americas", "021", "Northern America", null)]
    [InlineData("BR", "019", "Americas", "419", "Latin America and the Caribbean", "South America")]
    [InlineData("MX", "019", "Americas", "419", "Latin America and the Caribbean", "Central America")]
    [InlineData("EG", "002", "Africa", "015", "Northern Africa", null)]
    [InlineData("ZA", "002", "Africa", "202", "Sub-Saharan Africa", "Southern Africa")]
    [InlineData("AU", "009", "Oceania", "053", "Australia and New Zealand", null)]
    [InlineData("FJ", "009", "Oceania", "054", "Melanesia", null)]
    [InlineData("AQ", "010", "Antarctica", "010", "Antarctica", null)]
    public void Countries_sit_in_their_m49_region_and_sub_region(string code, string regionCode, string region,
        string subCode, string sub, string? intermediate)
    {
        var r = WorldRegions.Of(CountryCode.Parse(code));
        Assert.Equal(new M49Area(regionCode, region), r.Region);
        Assert.Equal(new M49Area(subCode, sub), r.SubRegion);
        Assert.Equal(intermediate, r.IntermediateRegion?.Name);
    }

    [Fact]
    public void There_are_five_m49_regions_plus_antarctica_and_seventeen_sub_regions_plus_antarctica()
    {
        Assert.Equal(6, WorldRegions.Regions.Count);
        Assert.Equal(18, WorldRegions.SubRegions.Count);
        // Every sub-region used by a country is listed, and every listed one is used.
        var used = CountryCode.All.Select(c => WorldRegions.Of(c).SubRegion).Distinct().ToHashSet();
        Assert.True(used.SetEquals(WorldRegions.SubRegions));
    }
}
