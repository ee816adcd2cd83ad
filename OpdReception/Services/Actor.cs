namespace OpdReception.Services;

/// <summary>Who did something, for a token's history: a signed-in user (name and id), or the app itself ("system").</summary>
public readonly record struct Actor(string Name, string? UserId = null)
{
    /// <summary>The app's own work (the no-show sweep, the simulation's desks) has a name but no user.</summary>
    public static implicit operator Actor(string name) => new(name);

    /// <summary>The patient acting on their own token (their page): a cancellation is then "as you asked".</summary>
    public static Actor Patient { get; } = new("patient");
}
