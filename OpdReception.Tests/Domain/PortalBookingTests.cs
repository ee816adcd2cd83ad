using OpdReception.Domain;

namespace OpdReception.Tests.Domain;

public sealed class PortalBookingTests
{
    public static TheoryData<string?, string?, bool> Phones() => new()
    {
        { "+91 98765 43210", "+91 98765 43210", false },
        { "+91 98765 43210", "98765-43210", false },
        { "+91 98765 43210", "09876543210", false },
        { "+91 98765 43210", null, false },
        { null, "+91 98765 43210", false },
        { null, null, false },
        { "+91 98765 43210", "+91 98111 22334", true },
        { "12345", "54321", true },
    };

    [Theory]
    [MemberData(nameof(Phones))]
    public void The_booking_site_is_refused_only_a_phone_that_differs_from_the_record(string? onRecord, string? given, bool refused) =>
        Assert.Equal(refused, PortalBooking.Check(onRecord, given) is PhoneDiffers);
}
