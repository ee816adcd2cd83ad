using MudBlazor;

namespace OpdReception.Components.Pages.Reception;

/// <summary>What a dialog tells the board when it closes: shown to the receptionist as a message.</summary>
public sealed record DeskNotice(string Message, Severity Severity);
