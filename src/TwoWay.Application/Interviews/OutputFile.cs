using System.Text;
using TwoWay.Input;

namespace TwoWay.Application.Interviews;

/// <summary>The one way the interview use cases write a file: beside the target, then moved into place (never half a file).</summary>
internal static class OutputFile
{
    /// <summary>Writes UTF-8 text (no byte order mark).</summary>
    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            var bytes = new UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes);
        });

    /// <summary>Writes what <paramref name="write"/> puts into the stream.</summary>
    /// <exception cref="InputException">The folder does not exist.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } dir && !Directory.Exists(dir))
            throw new InputException(path, null, null, $"the folder {dir} does not exist");
        var temp = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var f = File.Create(temp)) write(f);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
