using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpdReception.Data.Migrations
{
    /// <inheritdoc />
    public partial class DoctorPaces : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DoctorPaces",
                columns: table => new
                {
                    DoctorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Minutes = table.Column<string>(type: "TEXT", maxLength: 1200, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    LastDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    TodayCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DoctorPaces", x => x.DoctorId);
                    table.ForeignKey(
                        name: "FK_DoctorPaces_Doctors_DoctorId",
                        column: x => x.DoctorId,
                        principalTable: "Doctors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DoctorPaces");
        }
    }
}
