namespace OpdReception.Components.Pages.Reception;

public enum SlotAction { Delay, Cancel, Reallocate }

/// <summary>The desk asked to act on one slot of the board.</summary>
public sealed record SlotRequest(OpdReception.Services.SlotView Slot, SlotAction Action);
