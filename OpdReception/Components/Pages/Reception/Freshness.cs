using OpdReception.Components.Shared;
using OpdReception.Services;

namespace OpdReception.Components.Pages.Reception;

/// <summary>
/// Before acting on a row, the desk checks the token is still as it was shown: a second receptionist gets
/// "already changed by someone else" with the fresh state, never a silent overwrite.
/// </summary>
public static class Freshness
{
    public static async Task<string?> ChangedSinceAsync(TokenQueries queries, TokenView shown)
    {
        var current = await queries.GetAsync(shown.Id);
        if (!current.IsOk)
        {
            return $"{shown.TokenNumber} no longer exists.";
        }

        var now = current.Value!;
        if (now.Status == shown.Status && now.SlotId == shown.SlotId)
        {
            return null;
        }

        var moved = now.SlotId != shown.SlotId ? $", moved to another slot as {now.TokenNumber}" : "";
        return $"{shown.TokenNumber} ({shown.PatientName}) was already changed by someone else: now {Words.Of(now.Status)}{moved}. Nothing was changed; the board shows the fresh state.";
    }
}
