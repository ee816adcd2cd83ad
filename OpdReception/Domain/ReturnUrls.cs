namespace OpdReception.Domain;

/// <summary>
/// Where a person may be sent after signing in: only a path of this site. A crafted link must not send them to
/// another site that looks like ours, so the address is judged after every layer of percent-encoding is undone, the
/// way a browser reads it (a browser drops tabs and newlines and reads a backslash as a slash).
/// </summary>
public static class ReturnUrls
{
    /// <summary>The path itself when it is a local path, else null (the caller then uses the person's start page).</summary>
    public static string? LocalOrNull(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2000)
        {
            return null;
        }

        var decoded = url;
        for (var layer = 0; layer < 5; layer++)
        {
            var next = Uri.UnescapeDataString(decoded);
            if (next == decoded)
            {
                return IsPlainLocalPath(decoded) && IsPlainLocalPath(url) ? url : null;
            }

            decoded = next;
        }

        // Encoded five times over is no link a person follows.
        return null;
    }

    private static bool IsPlainLocalPath(string path) =>
        path.Length > 0 && path[0] == '/'
        && (path.Length == 1 || path[1] is not ('/' or '\\'))
        && !path.Any(c => c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c))
        && !path.Contains("://", StringComparison.Ordinal);
}
