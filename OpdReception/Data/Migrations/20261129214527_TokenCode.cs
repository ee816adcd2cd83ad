using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpdReception.Data.Migrations
{
    /// <inheritdoc />
    public partial class TokenCode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "Tokens",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // Tokens issued before codes existed get one too: 80 random bits from SQLite, unique like the rest.
            migrationBuilder.Sql("UPDATE Tokens SET Code = lower(hex(randomblob(10))) WHERE Code = '';");

            migrationBuilder.CreateIndex(
                name: "IX_Tokens_Code",
                table: "Tokens",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Tokens_Code",
                table: "Tokens");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "Tokens");
        }
    }
}
