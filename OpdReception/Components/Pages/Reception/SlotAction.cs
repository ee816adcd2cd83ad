namespace OpdReception.Components.Pages.Reception;

public enum SlotAction { Delay, Cancel, Reallocate }
