using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpdReception.Api;

/// <summary>
/// Enums travel as their names, exactly one name per value. The framework's converter would also accept
/// "WalkIn, Priority" and combine the two as flags into a third source; a desk must get a 400 instead.
/// </summary>
internal sealed class WordEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Words<>).MakeGenericType(typeToConvert))!;

    private sealed class Words<T> : JsonConverter<T>
        where T : struct, Enum
    {
        private static readonly string Allowed = string.Join(", ", Enum.GetNames<T>());

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, reader.TokenType);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Parse(reader.GetString(), reader.TokenType);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());

        private static T Parse(string? word, JsonTokenType token)
        {
            if (word is not null && Enum.GetNames<T>().FirstOrDefault(n => n.Equals(word.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                return Enum.Parse<T>(name);
            }

            throw new JsonException(word is null
                ? $"A word is needed here, one of: {Allowed}."
                : $"\"{BadRequestWords.Excerpt(word)}\" is not one of: {Allowed}.");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
