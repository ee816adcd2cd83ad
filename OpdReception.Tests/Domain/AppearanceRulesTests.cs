using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class AppearanceRulesTests
{
    [Theory]
    [InlineData("#00695c", "#00695c")]
    [InlineData("#00695C", "#00695c")]
    [InlineData(" 00695c ", "#00695c")]
    [InlineData("#000000", "#000000")]
    [InlineData("#1565c0", "#1565c0")]
    [InlineData("#4527a0", "#4527a0")]
    public void A_dark_enough_colour_is_accepted_and_stored_as_hash_and_lower_case_hex(string wanted, string stored) =>
        Assert.Equal(new ColourAccepted(stored), AppearanceRules.CheckColour(wanted));

    [Theory]
    [InlineData("#ffffff", "too light")]
    [InlineData("#ffeb3b", "too light")]
    [InlineData("#26a69a", "too light")]
    [InlineData(null, "six hex digits")]
    [InlineData("", "six hex digits")]
    [InlineData("teal", "six hex digits")]
    [InlineData("#0069", "six hex digits")]
    [InlineData("#00695g", "six hex digits")]
    [InlineData("#00695c00", "six hex digits")]
    [InlineData("rgb(0,105,92)", "six hex digits")]
    public void A_colour_that_is_not_six_hex_digits_or_too_light_for_white_text_is_refused_saying_why(string? wanted, string why) =>
        Assert.Contains(why, Assert.IsType<ColourRefused>(AppearanceRules.CheckColour(wanted)).Reason);

    [Theory]
    [InlineData(0x000000, 21.0)]
    [InlineData(0xffffff, 1.0)]
    [InlineData(0x767676, 4.54)]
    public void Contrast_with_white_follows_wcag(int rgb, double ratio) =>
        Assert.Equal(ratio, AppearanceRules.ContrastWithWhite(rgb), 2);

    public static TheoryData<byte[], string> Images => new()
    {
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png" },
        { [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], "image/jpeg" },
        { [.. "RIFF"u8, 1, 2, 3, 4, .. "WEBPVP8 "u8], "image/webp" },
    };

    [Theory]
    [MemberData(nameof(Images))]
    public void A_png_jpeg_or_webp_is_recognised_by_its_first_bytes(byte[] bytes, string type) =>
        Assert.Equal(new LogoAccepted(type), AppearanceRules.CheckLogo(bytes));

    public static TheoryData<byte[], string> NotLogos => new()
    {
        { [], "empty" },
        { [.. "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8], "PNG, JPEG or WebP" },
        { [.. "GIF89a"u8, 0, 0], "PNG, JPEG or WebP" },
        { [0x89, 0x50, 0x4E, 0x47], "PNG, JPEG or WebP" },
        { [.. "RIFF"u8, 1, 2, 3, 4, .. "WAVE"u8], "PNG, JPEG or WebP" },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[AppearanceRules.MaxLogoBytes - 7]], "at most 48 KB" },
    };

    [Theory]
    [MemberData(nameof(NotLogos))]
    public void An_empty_oversized_or_non_raster_file_is_refused_saying_why(byte[] bytes, string why) =>
        Assert.Contains(why, Assert.IsType<LogoRefused>(AppearanceRules.CheckLogo(bytes)).Reason);

    [Fact]
    public void A_png_of_exactly_the_largest_size_is_accepted()
    {
        byte[] bytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[AppearanceRules.MaxLogoBytes - 8]];
        Assert.Equal(new LogoAccepted("image/png"), AppearanceRules.CheckLogo(bytes));
    }
}
