namespace OpdReception.Services;

public sealed record OpdChange(int SlotId, int? TokenId, string What);

/// <summary>Announces every committed change, so open screens can refresh without polling.</summary>
public sealed class OpdChanges
{
    public event Action<OpdChange>? Changed;

    public void Announce(OpdChange change) => Changed?.Invoke(change);
}
