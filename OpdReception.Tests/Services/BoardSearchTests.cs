using OpdReception.Domain;
using OpdReception.Services;

namespace OpdReception.Tests.Services;

public sealed class BoardSearchTests
{
    private static readonly TokenView Token = new(7, "T012", 1, 1, "Dr. Rao", "P00451", "Meera Iyer", "+91 98765-43210", TokenSource.WalkIn,
        TokenStatus.Waiting, 100, 1, null, false, new DateTime(2030, 1, 7, 9, 0, 0), null, null, new DateOnly(2030, 1, 7), new TimeOnly(9, 0),
        SlotStatus.Open, null);

    [Theory]
    [InlineData("T012", true)]
    [InlineData("t12", true)]
    [InlineData("12", true)]
    [InlineData("T13", false)]
    [InlineData("meera", true)]
    [InlineData("IYER", true)]
    [InlineData("era iy", true)]
    [InlineData("P004", true)]
    [InlineData("p00451", true)]
    [InlineData("00451", false)]
    [InlineData("98765", true)]
    [InlineData("98765 432", true)]
    [InlineData("65-432", true)]
    [InlineData("99999", false)]
    [InlineData("Rahul", false)]
    public void A_row_is_found_by_token_number_name_id_start_or_phone_digits(string typed, bool found)
    {
        Assert.Equal(found, BoardSearch.Matches(Token, typed));
    }

    [Theory]
    [InlineData("A012", true)]
    [InlineData("a12", true)]
    [InlineData("12", true)]
    [InlineData("T012", true)]
    [InlineData("A13", false)]
    [InlineData("ABC12", false)]
    public void A_doctor_with_another_label_prefix_has_their_rows_found_by_number(string typed, bool found) =>
        Assert.Equal(found, BoardSearch.Matches(Token with { TokenNumber = "A012" }, typed));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Nothing_typed_keeps_every_row(string? typed)
    {
        Assert.Same(Token, Assert.Single(BoardSearch.Filter([Token], typed)));
    }
}
