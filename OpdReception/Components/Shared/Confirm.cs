using MudBlazor;

namespace OpdReception.Components.Shared;

public static class Confirm
{
    /// <summary>Asks <paramref name="title"/>; true when the person chose <paramref name="yesText"/>, null otherwise (as MudBlazor's message box).</summary>
    public static async Task<bool?> ConfirmAsync(this IDialogService dialogs, string title, string message, string yesText, string cancelText)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Message, message },
            { d => d.YesText, yesText },
            { d => d.CancelText, cancelText },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall });
        return await dialog.Result is { Canceled: false, Data: true } ? true : null;
    }
}
