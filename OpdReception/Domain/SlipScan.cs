namespace OpdReception.Domain;

/// <summary>What a kiosk's camera read from a slip's QR: the slip holds the patient page's address, https://…/t/{code}.</summary>
public static class SlipScan
{
    public const int CodeLength = 20;

    /// <summary>The token page's code in a scanned text (a full address, a path, or the bare code); null for anything else.</summary>
    public static string? CodeOf(string? scanned)
    {
        var text = scanned?.Trim() ?? "";
        if (text.Length is 0 or > 300)
        {
            return null;
        }

        var path = Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.AbsolutePath : text.Split('?', '#')[0];
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var code = segments switch
        {
            [.., "t", var last] => last,
            [var only] when !path.StartsWith('/') => only,
            _ => null,
        };
        return code is { Length: CodeLength } && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)) ? code : null;
    }
}
