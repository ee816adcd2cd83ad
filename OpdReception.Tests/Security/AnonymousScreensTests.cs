using System.Net;
using Microsoft.Extensions.Options;
using OpdReception.Security;
using OpdReception.Services;

namespace OpdReception.Tests.Security;

public sealed class AnonymousScreensTests
{
    private static readonly IPAddress Ward = IPAddress.Parse("10.0.0.7");
    private readonly ManualClock _clock = new(new DateTime(2030, 1, 7, 9, 0, 0));

    private AnonymousScreens Screens(int limit) => new(new Fixed(new OpdOptions { MaxAnonymousScreensPerClient = limit }), _clock);

    [Fact]
    public void A_page_that_never_goes_live_gives_its_place_back_after_half_a_minute()
    {
        var screens = Screens(2);
        Assert.True(screens.TryReserve(Ward));
        Assert.True(screens.TryReserve(Ward));
        Assert.False(screens.TryReserve(Ward));

        _clock.Advance(AnonymousScreens.Unclaimed);

        Assert.Equal(0, screens.Held(Ward));
        Assert.True(screens.TryReserve(Ward));
    }

    [Fact]
    public void A_live_screen_takes_its_page_loads_place_and_a_closed_one_gives_it_back()
    {
        var screens = Screens(1);
        Assert.True(screens.TryReserve(Ward));
        Assert.True(screens.TryOpen(Ward));
        _clock.Advance(AnonymousScreens.Unclaimed);

        Assert.Equal(1, screens.Held(Ward));
        Assert.False(screens.TryReserve(Ward));

        screens.Close(Ward);

        Assert.True(screens.TryReserve(Ward));
    }

    [Fact]
    public void A_connection_without_a_page_load_is_refused_past_the_limit_but_a_returning_one_is_not()
    {
        var screens = Screens(1);
        Assert.True(screens.TryOpen(Ward));

        Assert.False(screens.TryOpen(Ward));
        Assert.True(screens.TryOpen(Ward, returning: true));
    }

    [Fact]
    public void Addresses_are_counted_apart_and_an_IPv4_address_mapped_into_IPv6_is_the_same_machine()
    {
        var screens = Screens(1);
        Assert.True(screens.TryReserve(Ward));

        Assert.False(screens.TryReserve(Ward.MapToIPv6()));
        Assert.True(screens.TryReserve(IPAddress.Parse("10.0.0.8")));
    }

    private sealed class Fixed(OpdOptions value) : IOptionsMonitor<OpdOptions>
    {
        public OpdOptions CurrentValue => value;

        public OpdOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OpdOptions, string?> listener) => null;
    }
}
