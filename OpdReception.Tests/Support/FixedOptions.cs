using Microsoft.Extensions.Options;

namespace OpdReception.Tests.Support;

/// <summary>Settings that never change, for a service built by hand in a test.</summary>
public sealed class FixedOptions<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
