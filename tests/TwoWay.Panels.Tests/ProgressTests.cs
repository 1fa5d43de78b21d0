using System.Collections.Concurrent;
using TwoWay.Statistics;

namespace TwoWay.Panels.Tests;

/// <summary>The engine reports its stages (and DuckDB's query progress) to whoever asks, e.g. the CLI's status line.</summary>
public class ProgressTests
{
    private sealed class Collect : IProgress<string>
    {
        public ConcurrentQueue<string> Messages { get; } = new();
        public void Report(string value) => Messages.Enqueue(value);
    }

    [Fact]
    public void Every_stage_is_reported_in_order_and_the_ticker_stops_with_the_engine()
    {
        using var tmp = new TempDir();
        PanelWriter.Write(PanelSimulation.Generate(2000, 6, 3, 1.8), tmp.File("p.csv"));
        var progress = new Collect();
        var engine = new PanelEngine { Progress = progress };
        engine.Load(new PanelInput(tmp.File("p.csv")));
        var result = engine.Analyze(Ties.Efron);
        engine.Dispose();
        Assert.Equal(2000, result.Firms);

        string[] stages = ["reading ", "export entry: spells", "export entry: models", "import entry: spells", "import entry: models", "conversion"];
        var messages = progress.Messages.ToList();
        var positions = stages.Select(s => messages.FindIndex(m => m.StartsWith(s, StringComparison.Ordinal))).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);

        var count = progress.Messages.Count;
        Thread.Sleep(1200); // two ticker periods: nothing more after Dispose
        Assert.Equal(count, progress.Messages.Count);
    }
}
