using OpdReception.Tests.Support;

namespace OpdReception.Tests.Services;

/// <summary>The app with the messaging settings a hospital gives: its patient page's address and the desk's phone.</summary>
public sealed class MessageEventsApp : IAsyncDisposable
{
    public const string BaseUrl = "https://opd.hospital.example";
    public const string DeskPhone = "044 2345 6789";

    public OpdApp App { get; } = new OpdApp()
        .With("Opd:Notifications:PatientPageBaseUrl", BaseUrl)
        .With("Opd:Notifications:DeskPhone", DeskPhone);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
