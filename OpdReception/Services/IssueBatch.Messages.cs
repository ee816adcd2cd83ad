using OpdReception.Data;
using OpdReception.Domain;

namespace OpdReception.Services;

/// <summary>The patient's first message, written with the token in the request's own savepoint.</summary>
internal sealed partial class IssueBatch
{
    /// <summary>The patient's "token issued" message, with their page's link, in the request's own savepoint.</summary>
    private void Tell(PendingIssue pending, IssueSlot slot, int tokenId, string code, int number, TokenStatus status, ContactFacts contact, DateTime now)
    {
        var cause = new TokenWasIssued();
        if (MessageRules.Decide(cause, contact, messages.Settings.DefaultLanguageCode) is not MessagesDue due)
        {
            return;
        }

        var state = slot.State;
        var facts = new MessageFacts(state.Label(number), slot.DoctorName, slot.Room, state.Date, state.Start, messages.Settings.Link(settings, code),
            settings.HospitalName, messages.Settings.DeskPhone);
        foreach (var row in PatientOutbox.Rows(due, cause, facts, tokenId, messages.Book, now))
        {
            sql.AddMessage(row);
        }

        if (due.OptedOut)
        {
            sql.AddNote(tokenId, now, MessageRules.SkippedAction, status, state.Id, number, pending.By.Name, pending.By.UserId,
                MessageRules.SkippedNote(due.Kind));
        }
    }
}
