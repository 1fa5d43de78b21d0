using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace TwoWay.TestKit;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests of this process: Debian's server binaries, initdb in a
/// temporary folder (as the unprivileged <c>postgres</c> user when the tests run as root), listening on
/// 127.0.0.1 at a free port with its socket in the cluster's folder, a password required over TCP.
/// Started once on first use, stopped and deleted when the process exits. Never a mock.
/// </summary>
public sealed class PostgresCluster
{
    /// <summary>The superuser's password: tests also check that it never appears in any output.</summary>
    public const string Password = "pg-Secret-7f3c91";

    private static readonly Lazy<PostgresCluster> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _dir;
    private readonly string _bin;
    private int _databases;

    private PostgresCluster(string dir, string bin, int port)
    {
        _dir = dir;
        _bin = bin;
        Port = port;
    }

    /// <summary>The cluster of this test process (started on first use).</summary>
    public static PostgresCluster Instance => Shared.Value;

    public int Port { get; }

    /// <summary>A connection string to the server's maintenance database as the superuser.</summary>
    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database=postgres;Pooling=false";

    /// <summary>Creates a new empty database and returns a connection string to it (with the password).</summary>
    public string NewDatabase(string prefix = "t")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}".ToLowerInvariant();
        using (var c = new NpgsqlConnection(AdminConnectionString))
        {
            c.Open();
            using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", c);
            cmd.ExecuteNonQuery();
        }
        // Generous timeouts: CI machines are busy, and a test must not fail for a slow connect.
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={name};Timeout=60;Command Timeout=120";
    }

    private static PostgresCluster Start()
    {
        var bin = FindBinaries();
        var dir = Path.Combine(Path.GetTempPath(), "twoway-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(dir);
        var data = Path.Combine(dir, "data");
        var pwfile = Path.Combine(dir, "pw");
        File.WriteAllText(pwfile, Password + "\n");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // PostgreSQL refuses to run as root: the cluster belongs to the unprivileged postgres user.
            Run("chown", ["-R", "postgres:postgres", dir]);
            Run("chmod", ["700", dir]);
        }
        RunPg(bin, asRoot, "initdb", ["-D", data, "-U", "postgres", "--pwfile", pwfile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        var port = FreePort();
        RunPg(bin, asRoot, "pg_ctl", ["-D", data, "-w", "-t", "60", "-l", Path.Combine(dir, "log"), "-o",
            $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={dir} -c fsync=off -c max_connections=200", "start"]);
        var cluster = new PostgresCluster(dir, bin, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(asRoot, data);
        return cluster;
    }

    private void Stop(bool asRoot, string data)
    {
        try { RunPg(_bin, asRoot, "pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]); } catch (InvalidOperationException) { }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var bin = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: install them (apt-get install -y postgresql; ./test.sh does), "
            + "or leave these tests out with --filter \"Category!=PostgreSQL\"");
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private static void RunPg(string bin, bool asRoot, string tool, string[] args)
    {
        if (asRoot) Run("runuser", ["-u", "postgres", "--", Path.Combine(bin, tool), .. args]);
        else Run(Path.Combine(bin, tool), args);
    }

    private static void Run(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = "/" };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({p.ExitCode}): {stderr} {stdout.Result}");
    }
}
