using TwoWay.Domain;

namespace TwoWay.Panels;

/// <summary>
/// The combinations of covariate levels found in a panel, each numbered (its index here), so a pass
/// over millions of firm-years carries a number, not strings.
/// </summary>
public sealed class CovariatePatterns
{
    private readonly IReadOnlyList<string[]> _patterns;

    /// <param name="patterns">Each combination's levels, in covariate order; for no covariates, one empty combination.</param>
    public CovariatePatterns(IReadOnlyList<string[]> patterns)
    {
        if (patterns.Count == 0) throw new ArgumentException("there must be at least one pattern", nameof(patterns));
        _patterns = patterns;
    }

    /// <summary>How many combinations there are (the codes are 0 … Count − 1).</summary>
    public int Count => _patterns.Count;

    /// <summary>The levels of one code, in covariate order.</summary>
    public string[] Decode(long code) => _patterns[(int)code];
}

/// <summary>
/// One pass over a panel's firm-years, one firm at a time, counting everything the analysis needs
/// (states, transitions, both directions' spell cells and Kaplan–Meier outcomes, conversion) by
/// the rules of docs/methods.md (<see cref="EntrySpells"/>) and keeping each firm's spell rows as
/// cell numbers for the score pass, which then runs in memory. The same counts as the SQL over the
/// window pass (<c>PanelSql</c>), without its sort when the rows come grouped by firm; the engine's
/// tests check both agree on random panels.
/// </summary>
public sealed class PanelPass : IPanelTallies
{
    private const int FirstYear = 1000, Years = 9000; // years are checked to be 1000–9999 before the pass
    private readonly CovariatePatterns _patterns;
    private readonly long[] _states = new long[Years * 4];
    private readonly long[] _transitions = new long[Years * 16];
    private readonly long[] _conversion = new long[5 * 4]; // k − 1: importers first n, exporting; non-traders n, exporting
    private readonly DirectionTally _export, _import;
    private long _firms, _firmYears;
    private int _first = int.MaxValue, _last = int.MinValue;

    public PanelPass(CovariatePatterns patterns)
    {
        _patterns = patterns;
        _export = new DirectionTally(Direction.Outward, patterns);
        _import = new DirectionTally(Direction.Inward, patterns);
    }

    public CovariatePatterns Patterns => _patterns;

    /// <summary>Adds one firm: its observed years ascending without duplicates, its state and covariate pattern in each.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void AddFirm(ReadOnlySpan<int> years, ReadOnlySpan<TraderState> states, ReadOnlySpan<long> patterns)
    {
        var n = years.Length;
        if (n == 0) return;
        if (states.Length != n || patterns.Length != n) throw new ArgumentException("years, states and patterns differ in length");
        for (var i = 1; i < n; i++)
            if (years[i] <= years[i - 1]) throw new ArgumentException("years must be ascending without duplicates", nameof(years));
        if (years[0] < FirstYear || years[n - 1] >= FirstYear + Years) throw new ArgumentOutOfRangeException(nameof(years), "years must be 1000–9999");
        _firms++;
        _firmYears += n;
        _first = Math.Min(_first, years[0]);
        _last = Math.Max(_last, years[n - 1]);
        for (var i = 0; i < n; i++)
        {
            _states[(years[i] - FirstYear) * 4 + (int)states[i]]++;
            if (i > 0 && years[i] == years[i - 1] + 1)
                _transitions[(years[i - 1] - FirstYear) * 16 + (int)states[i - 1] * 4 + (int)states[i]]++;
        }
        _export.Add(years, states, patterns);
        _import.Add(years, states, patterns);
        Convert(years, states);
    }

    /// <summary>Conversion (docs/methods.md): exporting within k years of the first international activity, or of the first year.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Convert(ReadOnlySpan<int> years, ReadOnlySpan<TraderState> states)
    {
        var n = years.Length;
        var y0 = years[0];
        if (states[0] != TraderState.None) return; // both groups need no activity in the first year
        int? firstInt = null, firstImp = null, firstExp = null, runEndInt = null;
        int? runEnd0 = null;
        for (var i = 0; i < n; i++)
        {
            var runEnds = i == n - 1 || years[i + 1] != years[i] + 1;
            if (runEnds) runEnd0 ??= years[i];
            if (states[i].Imports()) firstImp ??= years[i];
            if (states[i].Exports()) firstExp ??= years[i];
            if (states[i] != TraderState.None) firstInt ??= years[i];
            if (runEnds && firstInt is not null) runEndInt ??= years[i];
        }
        for (var k = 1; k <= 5; k++)
        {
            var o = (k - 1) * 4;
            if (firstInt is { } fi && firstImp == fi && (firstExp is null || firstExp > fi) && runEndInt >= fi + k)
            {
                _conversion[o]++;
                if (firstExp <= fi + k) _conversion[o + 1]++;
            }
            if (runEnd0 >= y0 + k)
            {
                _conversion[o + 2]++;
                if (firstExp <= y0 + k) _conversion[o + 3]++;
            }
        }
    }

    public (long Firms, long FirmYears, int First, int Last) Extent() => (_firms, _firmYears, _first, _last);

    public IReadOnlyList<(int Year, TraderState State, long Firms)> StateCounts()
    {
        var rows = new List<(int, TraderState, long)>();
        for (var i = 0; i < _states.Length; i++)
            if (_states[i] > 0) rows.Add((FirstYear + i / 4, (TraderState)(i % 4), _states[i]));
        return rows;
    }

    public IReadOnlyList<(int Year, TraderState From, TraderState To, long Firms)> TransitionCounts()
    {
        var rows = new List<(int, TraderState, TraderState, long)>();
        for (var i = 0; i < _transitions.Length; i++)
            if (_transitions[i] > 0) rows.Add((FirstYear + i / 16, (TraderState)(i % 16 / 4), (TraderState)(i % 4), _transitions[i]));
        return rows;
    }

    public IReadOnlyList<(int K, bool ImportersFirst, long Firms, long Exporting)> ConversionCounts()
    {
        var rows = new List<(int, bool, long, long)>();
        for (var k = 1; k <= 5; k++)
        {
            var o = (k - 1) * 4;
            if (_conversion[o] > 0) rows.Add((k, true, _conversion[o], _conversion[o + 1]));
            if (_conversion[o + 2] > 0) rows.Add((k, false, _conversion[o + 2], _conversion[o + 3]));
        }
        return rows;
    }

    public PanelCells Cells(Direction entering) => Tally(entering).Cells();

    public (double[,] Meat, long Clusters) ClusterMeat(Direction entering, IReadOnlyList<CellScore> scores, IReadOnlyList<ScoreBlock> blocks) =>
        Tally(entering).ClusterMeat(scores, blocks);

    private DirectionTally Tally(Direction entering) => entering == Direction.Outward ? _export : _import;

    /// <summary>One direction's cells, outcomes and every firm's spell rows (as cell × event numbers, firm after firm).</summary>
    private sealed class DirectionTally(Direction entering, CovariatePatterns patterns)
    {
        // Per pattern, the cell number + 1 of each (k, lag) at index k × 2 + lag (0: none yet); grown as k grows.
        private readonly int[][] _cellOf = new int[patterns.Count][];
        private readonly List<long> _keys = [];
        private readonly List<long> _atRisk = [], _entries = [];
        private readonly long[] _outcomes = new long[Years * 4]; // (k − 1) × 4 + lag0 × 2 + entered
        private readonly List<int> _rows = [];     // cell × 2 + entered, firm after firm
        private readonly List<int> _firmRows = []; // rows per firm with a spell
        private readonly Direction _other = entering.Mirror();

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Add(ReadOnlySpan<int> years, ReadOnlySpan<TraderState> states, ReadOnlySpan<long> patterns)
        {
            var (length, entered) = EntrySpells.Extent(years, states, entering);
            if (length == 0) return;
            for (var k = 1; k <= length; k++)
            {
                // Row k: interval k, the lag and the covariates of the year before.
                var lag = states[k - 1].Active(_other);
                var pattern = (int)patterns[k - 1];
                var slot = k * 2 + (lag ? 1 : 0);
                var byK = _cellOf[pattern];
                if (byK is null || byK.Length <= slot) _cellOf[pattern] = byK = Grow(byK, slot);
                var cell = byK[slot] - 1;
                if (cell < 0)
                {
                    cell = _keys.Count;
                    byK[slot] = cell + 1;
                    _keys.Add(((long)pattern * Years + k) * 2 + (lag ? 1 : 0)); _atRisk.Add(0); _entries.Add(0);
                }
                var ev = entered && k == length;
                _atRisk[cell]++;
                if (ev) _entries[cell]++;
                _rows.Add(cell * 2 + (ev ? 1 : 0));
            }
            _outcomes[(length - 1) * 4 + (states[0].Active(_other) ? 2 : 0) + (entered ? 1 : 0)]++;
            _firmRows.Add(length);
        }

        private static int[] Grow(int[]? byK, int slot)
        {
            var grown = new int[Math.Max(slot + 1, 2 * (byK?.Length ?? 16))];
            byK?.CopyTo(grown, 0);
            return grown;
        }

        private (int K, bool Lag, string[] Levels) Key(int cell)
        {
            var key = _keys[cell];
            return ((int)(key / 2 % Years), key % 2 == 1, patterns.Decode(key / 2 / Years));
        }

        public PanelCells Cells()
        {
            var cells = new List<SpellCell>(_keys.Count);
            for (var c = 0; c < _keys.Count; c++)
            {
                var (k, lag, levels) = Key(c);
                cells.Add(new SpellCell(k, lag, levels, _atRisk[c], _entries[c]));
            }
            var outcomes = new List<SpellOutcome>();
            for (var i = 0; i < _outcomes.Length; i++)
                if (_outcomes[i] > 0) outcomes.Add(new SpellOutcome(i % 4 >= 2, i / 4 + 1, i % 2 == 1, _outcomes[i]));
            return PanelCells.Ordered(entering, cells, outcomes);
        }

        public (double[,] Meat, long Clusters) ClusterMeat(IReadOnlyList<CellScore> scores, IReadOnlyList<ScoreBlock> blocks)
        {
            var p = scores[0].Score.Length;
            var byKey = new Dictionary<(int, bool, string, bool), double[]>();
            foreach (var s in scores) byKey[(s.Interval, s.Lag, string.Join("\u0001", s.Levels), s.Entered)] = s.Score;
            // The score vector of each row number (cell × 2 + entered), shared with the fit's (not copied:
            // with many covariate levels they are large); null for a cell without scores (held back), which adds nothing.
            var byRow = new double[]?[_keys.Count * 2];
            for (var c = 0; c < _keys.Count; c++)
            {
                var (k, lag, levels) = Key(c);
                var joined = string.Join("\u0001", levels);
                for (var e = 0; e < 2; e++) byRow[2 * c + e] = byKey.GetValueOrDefault((k, lag, joined, e == 1));
            }
            // Firms taken grouped by the covariate pattern of their first spell row (a counting sort, stable), so
            // the few score rows a group uses stay in cache; two halves summed on two threads: the same sums on every run.
            var firms = _firmRows.Count;
            var start = new int[firms + 1];
            for (var f = 0; f < firms; f++) start[f + 1] = start[f] + _firmRows[f];
            var perPattern = new int[patterns.Count + 1];
            int PatternOf(int f) => (int)(_keys[_rows[start[f]] / 2] / 2 / Years);
            for (var f = 0; f < firms; f++) perPattern[PatternOf(f) + 1]++;
            for (var q = 0; q < patterns.Count; q++) perPattern[q + 1] += perPattern[q];
            var order = new int[firms];
            for (var f = 0; f < firms; f++) order[perPattern[PatternOf(f)]++] = f;
            var parts = new (double[] Sums, long Clusters)[2];
            Parallel.For(0, 2, part =>
                parts[part] = Sum(order.AsSpan(part == 0 ? 0 : firms / 2, part == 0 ? firms / 2 : firms - firms / 2), start, byRow, p, blocks));
            return PanelTallyResults.Meat(p, parts[0].Clusters + parts[1].Clusters,
                PanelTallyResults.Products(p, blocks).Select(x => (x.J, x.L, parts[0].Sums[x.J * p + x.L] + parts[1].Sums[x.J * p + x.L])));
        }

        /// <summary>
        /// Σ U_f U_fᵀ (lower triangle of each block, row-major p × p) over the given firms (firm f's rows: start[f] … start[f + 1] − 1).
        /// Firms' U are gathered 128 at a time and each product summed over the batch as one dot product of two columns.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private (double[] Sums, long Clusters) Sum(ReadOnlySpan<int> firms, int[] start, double[]?[] byRow, int p, IReadOnlyList<ScoreBlock> blocks)
        {
            const int batchSize = 128;
            var sums = new double[p * p];
            var batch = new double[batchSize * p];   // firm after firm
            var columns = new double[p * batchSize]; // score after score
            var inBatch = 0;
            long clusters = 0;
            var rows = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_rows);
            void Flush()
            {
                for (var b = 0; b < inBatch; b++)
                    for (var j = 0; j < p; j++) columns[j * batchSize + b] = batch[b * p + j];
                foreach (var block in blocks)
                    for (var j = block.From; j < block.From + block.Size; j++)
                    {
                        var cj = new ReadOnlySpan<double>(columns, j * batchSize, inBatch);
                        for (var l = block.From; l <= j; l++) sums[j * p + l] += Dot(cj, new ReadOnlySpan<double>(columns, l * batchSize, inBatch));
                    }
                inBatch = 0;
            }
            foreach (var f in firms)
            {
                var u = batch.AsSpan(inBatch * p, p);
                u.Clear();
                var scored = false;
                for (var r = start[f]; r < start[f + 1]; r++)
                {
                    if (byRow[rows[r]] is not { } score) continue;
                    scored = true;
                    Add(u, score);
                }
                if (!scored) continue;
                clusters++;
                if (++inBatch == batchSize) Flush();
            }
            if (inBatch > 0) Flush();
            return (sums, clusters);
        }

        private static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
        {
            var i = 0;
            var sum = 0.0;
            if (System.Numerics.Vector.IsHardwareAccelerated)
            {
                var acc = System.Numerics.Vector<double>.Zero;
                for (var w = System.Numerics.Vector<double>.Count; i + w <= x.Length; i += w)
                    acc += new System.Numerics.Vector<double>(x[i..]) * new System.Numerics.Vector<double>(y[i..]);
                sum = System.Numerics.Vector.Sum(acc);
            }
            for (; i < x.Length; i++) sum += x[i] * y[i];
            return sum;
        }

        /// <summary>u += s, a vector at a time.</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        private static void Add(Span<double> u, ReadOnlySpan<double> s)
        {
            var i = 0;
            if (System.Numerics.Vector.IsHardwareAccelerated)
                for (var w = System.Numerics.Vector<double>.Count; i + w <= u.Length; i += w)
                    (new System.Numerics.Vector<double>(u[i..]) + new System.Numerics.Vector<double>(s[i..])).CopyTo(u[i..]);
            for (; i < u.Length; i++) u[i] += s[i];
        }

    }
}
