using System.Globalization;

namespace OpdReception.Domain;

public abstract record ColourDecision;

/// <summary>The colour as stored: "#" and six lower-case hex digits.</summary>
public sealed record ColourAccepted(string Hex) : ColourDecision;

public sealed record ColourRefused(string Reason) : ColourDecision;

public abstract record LogoDecision;

public sealed record LogoAccepted(string ContentType) : LogoDecision;

public sealed record LogoRefused(string Reason) : LogoDecision;

/// <summary>What the hospital may choose for its look: a primary colour that keeps white text readable, a small raster logo.</summary>
public static class AppearanceRules
{
    public const string DefaultColour = "#00695c";

    /// <summary>Enough for a crisp header logo, and under the API's default body limit (64 KB), so an upload by script fits too.</summary>
    public const int MaxLogoBytes = 48 * 1024;

    /// <summary>WCAG AA for normal text: the app bar and every filled button put white text on the primary colour.</summary>
    public const double MinContrast = 4.5;

    public static ColourDecision CheckColour(string? wanted)
    {
        var text = wanted?.Trim() ?? "";
        var digits = text.StartsWith('#') ? text[1..] : text;
        if (digits.Length != 6 || !int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var rgb))
        {
            return new ColourRefused("The primary colour must be a colour written as # and six hex digits, such as #00695c.");
        }

        var hex = "#" + digits.ToLowerInvariant();
        var contrast = ContrastWithWhite(rgb);
        return contrast >= MinContrast
            ? new ColourAccepted(hex)
            : new ColourRefused($"The primary colour {hex} is too light for white text on it (contrast {contrast.ToString("0.0", CultureInfo.InvariantCulture)}:1, at least {MinContrast.ToString("0.0", CultureInfo.InvariantCulture)}:1 is needed): choose a darker colour.");
    }

    /// <summary>Only raster images, recognised by their first bytes rather than by a name or a declared type: an SVG can carry script.</summary>
    public static LogoDecision CheckLogo(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length == 0)
        {
            return new LogoRefused("The logo file is empty.");
        }

        if (bytes.Length > MaxLogoBytes)
        {
            // The upload is read only to one byte past the limit, so its true size is not known here.
            return new LogoRefused($"The logo is larger than {MaxLogoBytes / 1024} KB: choose a smaller image, at most {MaxLogoBytes / 1024} KB.");
        }

        return TypeOf(bytes) is { } type
            ? new LogoAccepted(type)
            : new LogoRefused("The logo must be a PNG, JPEG or WebP image.");
    }

    private static string? TypeOf(ReadOnlySpan<byte> b) => b switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };


    /// <summary>WCAG 2 contrast ratio between an sRGB colour and white.</summary>
    public static double ContrastWithWhite(int rgb)
    {
        static double Linear(int channel)
        {
            var c = channel / 255.0;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        var luminance = 0.2126 * Linear((rgb >> 16) & 0xFF) + 0.7152 * Linear((rgb >> 8) & 0xFF) + 0.0722 * Linear(rgb & 0xFF);
        return 1.05 / (luminance + 0.05);
    }
}
