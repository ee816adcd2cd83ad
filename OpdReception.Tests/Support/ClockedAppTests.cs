namespace OpdReception.Tests.Support;

/// <summary>Each test gets its own app, so moving the clock disturbs no other test.</summary>
public abstract class ClockedAppTests : IAsyncLifetime
{
    protected ClockedAppTests()
    {
        App = new OpdApp().With("Opd:LateArrivalGraceMinutes", "10").With("Opd:NoShowTimeoutMinutes", "15");
    }

    protected OpdApp App { get; }

    protected Desk Desk { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Desk = new Desk(App.CreateClient());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
