using Microsoft.Data.Sqlite;
using OpdReception.Domain;

namespace OpdReception.Data;

/// <summary>A slot as the issuing rules read it, with its doctor's name for the answer.</summary>
public sealed record IssueSlot(SlotState State, string DoctorName, string? Room = null);

/// <summary>A patient on record, with what the desk may fill in when the record lacks it.</summary>
public sealed record PatientRecord(
    string Name, string? Phone, string? MergedIntoId, Sex? Sex, DateOnly? BirthDate, string? Address, string? AbhaNumber, string? AbhaAddress,
    string? Language = null, string? Email = null, bool MessagesOptOut = false);

/// <summary>A patient's details as they are written: the age already turned into an approximate date of birth.</summary>
public sealed record PatientFields(
    Sex? Sex, DateOnly? BirthDate, bool BirthDateIsApproximate, string? Address, string? AbhaNumber, string? AbhaAddress,
    string? Language = null, string? Email = null, bool MessagesOptOut = false);

/// <summary>A line of a patient record's history.</summary>
public sealed record NewPatientEvent(string PatientId, DateTime At, string By, string? ByUserId, string Action, string Details);

/// <summary>The row of a new token: what the rules decided and who it is for.</summary>
public sealed record NewToken(
    int SlotId, string PatientId, TokenSource Source, TokenStatus Status, int Number, int PriorityScore, DateTime At, string Code);

/// <summary>The line of history that says how a token came to be.</summary>
public sealed record NewTokenEvent(string Action, TokenStatus To, string By, string? ByUserId, string Reason);

/// <summary>
/// The statements of one issue, in plain SQL on the writer's own connection and transaction. Issuing is the hottest
/// write there is: EF Core's pipeline cost more CPU than the rows themselves, so this path asks SQLite for exactly
/// the rows it needs, through statements SQLite prepares once per batch. Columns and formats are EF Core's
/// (enums as names, dates as ISO text), so everything else reads these rows through the model as usual.
/// </summary>
public sealed class IssueStatements(SqliteConnection connection, SqliteTransaction transaction) : IDisposable
{
    private const string Active = "('Booked', 'Waiting', 'InConsultation')";

    /// <summary>The statuses that hold a seat (<see cref="StatusRules.SeatHolding"/>), as SQL's list: seats are counted by the one rule.</summary>
    private static readonly string SeatHolding = $"({string.Join(", ", StatusRules.SeatHolding.Select(s => $"'{s}'"))})";

    /// <summary>The sources that fill seats held for walk-ins (<see cref="WalkInHold.Filling"/>), as SQL's list.</summary>
    private static readonly string FillsHold = $"({string.Join(", ", WalkInHold.Filling.Select(s => $"'{s}'"))})";

    private static readonly string SlotWithSeats = $"""
        SELECT s."DoctorId", s."Date", s."StartTime", s."EndTime", s."MaxCapacity", s."EmergencyExtensions",
               COALESCE(dd."LastTokenNumber", 0), s."Status", s."DelayMinutes", d."Name", seats."Taken", seats."Emergency", d."LabelPrefix", d."Room",
               s."WalkInSeatsHeld", s."HoldReleaseMinutes", seats."WalkIn"
        FROM "Slots" s JOIN "Doctors" d ON d."Id" = s."DoctorId"
             LEFT JOIN "DoctorDayCounters" dd ON dd."DoctorId" = s."DoctorId" AND dd."Date" = s."Date",
             (SELECT COUNT(*) AS "Taken", COALESCE(SUM(t."Source" = 'Emergency'), 0) AS "Emergency",
                     COALESCE(SUM(t."Source" IN {FillsHold}), 0) AS "WalkIn"
              FROM "Tokens" t WHERE t."SlotId" = $slot AND t."Status" IN {SeatHolding}) AS seats
        WHERE s."Id" = $slot
        """;

    private readonly Dictionary<string, SqliteCommand> _commands = [];

    /// <summary>The slot and its seats, counted in one pass over the slot's tokens, with the last label of its doctor's day.</summary>
    public IssueSlot? Slot(int slotId)
    {
        var read = Command(SlotWithSeats, ("$slot", slotId));
        using var row = read.ExecuteReader();
        if (!row.Read())
        {
            return null;
        }

        var state = new SlotState(
            slotId, row.GetInt32(0), row.GetFieldValue<DateOnly>(1), row.GetFieldValue<TimeOnly>(2), row.GetFieldValue<TimeOnly>(3),
            row.GetInt32(4), row.GetInt32(5), row.GetInt32(10), row.GetInt32(6), Enum.Parse<SlotStatus>(row.GetString(7)), row.GetInt32(8),
            row.GetInt32(11), row.GetString(12), row.GetInt32(14), row.GetInt32(15), row.GetInt32(16));
        return new IssueSlot(state, row.GetString(9), Text(row, 13));
    }

    /// <summary>An active token the patient holds with this doctor on this day, through the patient's index.</summary>
    public HeldToken? Held(string patientId, int doctorId, DateOnly date)
    {
        var read = Command($"""
            SELECT t."Id", t."TokenNumber", t."Status", t."Source", t."SlotId", s."Date", s."StartTime"
            FROM "Tokens" t JOIN "Slots" s ON s."Id" = t."SlotId"
            WHERE t."PatientId" = $patient AND t."Status" IN {Active} AND s."DoctorId" = $doctor AND s."Date" = $date
            LIMIT 1
            """, ("$patient", patientId), ("$doctor", doctorId), ("$date", date));
        using var row = read.ExecuteReader();
        return row.Read()
            ? new HeldToken(row.GetInt32(0), row.GetInt32(1), Enum.Parse<TokenStatus>(row.GetString(2)), Enum.Parse<TokenSource>(row.GetString(3)),
                row.GetInt32(4), row.GetFieldValue<DateOnly>(5).ToDateTime(row.GetFieldValue<TimeOnly>(6)))
            : null;
    }

    public PatientRecord? Patient(string patientId)
    {
        var read = Command("""
            SELECT "Name", "Phone", "MergedIntoId", "Sex", "BirthDate", "Address", "AbhaNumber", "AbhaAddress", "Language", "Email", "MessagesOptOut"
            FROM "Patients" WHERE "Id" = $patient
            """, ("$patient", patientId));
        using var row = read.ExecuteReader();
        return row.Read()
            ? new PatientRecord(row.GetString(0), Text(row, 1), Text(row, 2), Text(row, 3) is { } sex ? Enum.Parse<Sex>(sex) : null,
                row.IsDBNull(4) ? null : row.GetFieldValue<DateOnly>(4), Text(row, 5), Text(row, 6), Text(row, 7), Text(row, 8), Text(row, 9), row.GetBoolean(10))
            : null;
    }

    /// <summary>The patients on record, not merged away, whose phone has this key (<see cref="PatientFacts.PhoneKey"/>), with the day each was last seen.</summary>
    public List<KnownPatient> PatientsWithPhone(string phoneKey)
    {
        var read = Command("""
            SELECT p."Id", p."Name", p."Sex", p."BirthDate",
                   (SELECT MAX(s."Date") FROM "Tokens" t JOIN "Slots" s ON s."Id" = t."SlotId" WHERE t."PatientId" = p."Id" AND t."Status" = 'Completed')
            FROM "Patients" p WHERE p."PhoneKey" = $key AND p."MergedIntoId" IS NULL
            LIMIT 50
            """, ("$key", phoneKey));
        using var row = read.ExecuteReader();
        var found = new List<KnownPatient>();
        while (row.Read())
        {
            found.Add(new KnownPatient(row.GetString(0), row.GetString(1), Text(row, 2) is { } sex ? Enum.Parse<Sex>(sex) : null,
                row.IsDBNull(3) ? null : row.GetFieldValue<DateOnly>(3), row.IsDBNull(4) ? null : row.GetFieldValue<DateOnly>(4)));
        }

        return found;
    }

    /// <summary>The highest hospital number of the pattern given so far, through the primary key's index.</summary>
    public string? HighestNumber(HospitalNumberPattern pattern)
    {
        // The prefix is capitals, digits, - and / only (HospitalNumberPattern.Problem), none of them special to GLOB.
        var glob = pattern.Prefix + string.Concat(Enumerable.Repeat("[0-9]", pattern.Digits));
        return Command("""SELECT "Id" FROM "Patients" WHERE "Id" GLOB $glob ORDER BY "Id" DESC LIMIT 1""", ("$glob", glob)).ExecuteScalar() as string;
    }

    public void AddPatient(string patientId, string name, string? phone, PatientFields fields) =>
        Command("""
            INSERT INTO "Patients" ("Id", "Name", "Phone", "PhoneKey", "Sex", "BirthDate", "BirthDateIsApproximate", "Address", "AbhaNumber", "AbhaAddress",
                                    "Language", "Email", "MessagesOptOut")
            VALUES ($patient, $name, $phone, $key, $sex, $born, $approximate, $address, $abha, $abhaAddress, $language, $email, $optOut)
            """,
            ("$patient", patientId), ("$name", name), ("$phone", phone), ("$key", PatientFacts.PhoneKey(phone)), ("$sex", fields.Sex?.ToString()),
            ("$born", fields.BirthDate), ("$approximate", fields.BirthDateIsApproximate), ("$address", fields.Address), ("$abha", fields.AbhaNumber),
            ("$abhaAddress", fields.AbhaAddress), ("$language", fields.Language), ("$email", fields.Email), ("$optOut", fields.MessagesOptOut)).ExecuteNonQuery();

    public void SetPhone(string patientId, string phone) =>
        Command("""UPDATE "Patients" SET "Phone" = $phone, "PhoneKey" = $key WHERE "Id" = $patient""",
            ("$patient", patientId), ("$phone", phone), ("$key", PatientFacts.PhoneKey(phone))).ExecuteNonQuery();

    /// <summary>Fills in only what the record lacks: what is on record was checked by someone, and stays.</summary>
    public void FillGaps(string patientId, PatientFields fields) =>
        Command("""
            UPDATE "Patients" SET "Sex" = COALESCE("Sex", $sex),
                "BirthDateIsApproximate" = CASE WHEN "BirthDate" IS NULL AND $born IS NOT NULL THEN $approximate ELSE "BirthDateIsApproximate" END,
                "BirthDate" = COALESCE("BirthDate", $born), "Address" = COALESCE("Address", $address),
                "AbhaNumber" = COALESCE("AbhaNumber", $abha), "AbhaAddress" = COALESCE("AbhaAddress", $abhaAddress),
                "Language" = COALESCE("Language", $language), "Email" = COALESCE("Email", $email), "MessagesOptOut" = "MessagesOptOut" OR $optOut
            WHERE "Id" = $patient
            """,
            ("$patient", patientId), ("$sex", fields.Sex?.ToString()), ("$born", fields.BirthDate), ("$approximate", fields.BirthDateIsApproximate),
            ("$address", fields.Address), ("$abha", fields.AbhaNumber), ("$abhaAddress", fields.AbhaAddress),
            ("$language", fields.Language), ("$email", fields.Email), ("$optOut", fields.MessagesOptOut)).ExecuteNonQuery();

    public void AddPatientEvent(NewPatientEvent line) =>
        Command("""
            INSERT INTO "PatientEvents" ("PatientId", "At", "By", "ByUserId", "Action", "Details") VALUES ($patient, $at, $by, $user, $action, $details)
            """,
            ("$patient", line.PatientId), ("$at", line.At), ("$by", line.By), ("$user", line.ByUserId), ("$action", line.Action),
            ("$details", line.Details)).ExecuteNonQuery();

    private static string? Text(SqliteDataReader row, int column) => row.IsDBNull(column) ? null : row.GetString(column);

    /// <summary>
    /// Takes the doctor's day's next label (and, for an emergency in a full slot, a seat): one counter per doctor and
    /// date, made by the day's first label, so the slots of a day never hand out the same number. The writer holds
    /// the write gate, so the number the rules decided from the counter is still the next one.
    /// </summary>
    public void TakeNumber(SlotState slot, int number, bool extraSeat)
    {
        Command("""
            INSERT INTO "DoctorDayCounters" ("DoctorId", "Date", "LastTokenNumber") VALUES ($doctor, $date, $number)
            ON CONFLICT ("DoctorId", "Date") DO UPDATE SET "LastTokenNumber" = MAX("LastTokenNumber", excluded."LastTokenNumber")
            """, ("$doctor", slot.DoctorId), ("$date", slot.Date), ("$number", number)).ExecuteNonQuery();
        if (extraSeat)
        {
            Command("""UPDATE "Slots" SET "EmergencyExtensions" = "EmergencyExtensions" + 1 WHERE "Id" = $slot""", ("$slot", slot.Id)).ExecuteNonQuery();
        }
    }

    public int AddToken(NewToken token, NewTokenEvent history)
    {
        var id = Convert.ToInt32(Command("""
            INSERT INTO "Tokens" ("SlotId", "PatientId", "Source", "Status", "TokenNumber", "PriorityScore", "IssuedAt", "QueuedAt",
                                  "CheckedInAt", "InSlotSince", "Code", "Version")
            VALUES ($slot, $patient, $source, $status, $number, $score, $at, $at, $checkedIn, $at, $code, 0)
            RETURNING "Id"
            """,
            ("$slot", token.SlotId), ("$patient", token.PatientId), ("$source", token.Source.ToString()), ("$status", token.Status.ToString()),
            ("$number", token.Number), ("$score", token.PriorityScore), ("$at", token.At),
            ("$checkedIn", token.Status == TokenStatus.Waiting ? token.At : null), ("$code", token.Code)).ExecuteScalar());
        Command("""
            INSERT INTO "TokenEvents" ("TokenId", "At", "Action", "FromStatus", "ToStatus", "SlotId", "TokenNumber", "By", "Reason", "ByUserId")
            VALUES ($token, $at, $action, NULL, $to, $slot, $number, $by, $reason, $user)
            """,
            ("$token", id), ("$at", token.At), ("$action", history.Action), ("$to", history.To.ToString()), ("$slot", token.SlotId),
            ("$number", token.Number), ("$by", history.By), ("$reason", history.Reason), ("$user", history.ByUserId)).ExecuteNonQuery();
        return id;
    }

    /// <summary>The time the patient is told to expect, kept as it was first told (<see cref="Token.FirstEstimateAt"/>).</summary>
    public void SetFirstEstimate(int tokenId, DateTime estimate) =>
        Command("""UPDATE "Tokens" SET "FirstEstimateAt" = $estimate WHERE "Id" = $token AND "FirstEstimateAt" IS NULL""",
            ("$token", tokenId), ("$estimate", estimate)).ExecuteNonQuery();

    /// <summary>The answer a caller's key was first given, and what it was given for.</summary>
    public (string RequestHash, int TokenId, string Answer)? EarlierAnswer(string caller, string key)
    {
        var read = Command("""SELECT "RequestHash", "TokenId", "Answer" FROM "IssueKeys" WHERE "Caller" = $caller AND "Key" = $key""",
            ("$caller", caller), ("$key", key));
        using var row = read.ExecuteReader();
        return row.Read() ? (row.GetString(0), row.GetInt32(1), row.GetString(2)) : null;
    }

    public void RememberAnswer(string caller, string key, string requestHash, int tokenId, string answer, DateTime at) =>
        Command("""
            INSERT INTO "IssueKeys" ("Caller", "Key", "RequestHash", "TokenId", "Answer", "CreatedAt") VALUES ($caller, $key, $hash, $token, $answer, $at)
            """, ("$caller", caller), ("$key", key), ("$hash", requestHash), ("$token", tokenId), ("$answer", answer), ("$at", at)).ExecuteNonQuery();

    /// <summary>Keys are kept for the configured hours, then forgotten, so the table stays small.</summary>
    public void ForgetKeysBefore(DateTime cutoff) =>
        Command("""DELETE FROM "IssueKeys" WHERE "CreatedAt" < $cutoff""", ("$cutoff", cutoff)).ExecuteNonQuery();

    /// <summary>One message to the patient, in the issue's own savepoint: one prepared INSERT per message.</summary>
    public void AddMessage(OutboxMessage message) =>
        Command("""
            INSERT INTO "OutboxMessages" ("MessageId", "Event", "TokenId", "TokenNumber", "Channel", "Recipient", "Language", "Text", "TemplateId",
                                          "CreatedAt", "State", "Attempts", "NextAttemptAt")
            VALUES ($id, $event, $token, $label, $channel, $recipient, $language, $text, $template, $at, $state, 0, $at)
            """,
            ("$id", message.MessageId), ("$event", message.Event.ToString()), ("$token", message.TokenId), ("$label", message.TokenNumber),
            ("$channel", message.Channel.ToString()), ("$recipient", message.Recipient), ("$language", message.Language), ("$text", message.Text),
            ("$template", message.TemplateId), ("$at", message.CreatedAt), ("$state", message.State.ToString())).ExecuteNonQuery();

    /// <summary>A line of the token's history that is not a change of status (a message skipped because the patient opted out).</summary>
    public void AddNote(int tokenId, DateTime at, string action, TokenStatus status, int slotId, int number, string by, string? byUserId, string reason) =>
        Command("""
            INSERT INTO "TokenEvents" ("TokenId", "At", "Action", "FromStatus", "ToStatus", "SlotId", "TokenNumber", "By", "Reason", "ByUserId")
            VALUES ($token, $at, $action, NULL, $to, $slot, $number, $by, $reason, $user)
            """,
            ("$token", tokenId), ("$at", at), ("$action", action), ("$to", status.ToString()), ("$slot", slotId), ("$number", number), ("$by", by),
            ("$reason", reason), ("$user", byUserId)).ExecuteNonQuery();

    /// <summary>Each request of a batch writes inside its own savepoint, so its failure is undone alone.</summary>
    public void Savepoint() => Command("SAVEPOINT issue").ExecuteNonQuery();

    public void Release() => Command("RELEASE issue").ExecuteNonQuery();

    public void Undo()
    {
        Command("ROLLBACK TO issue").ExecuteNonQuery();
        Release();
    }

    /// <summary>The statement is prepared on first use and kept for the batch; only its parameter values change.</summary>
    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            foreach (var (name, _) in parameters)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            _commands[sql] = command;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }
    }
}
