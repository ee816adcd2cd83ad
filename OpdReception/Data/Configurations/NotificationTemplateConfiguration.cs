using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpdReception.Domain;

namespace OpdReception.Data.Configurations;

public sealed class NotificationTemplateConfiguration : IEntityTypeConfiguration<NotificationTemplate>
{
    public void Configure(EntityTypeBuilder<NotificationTemplate> builder)
    {
        builder.Property(t => t.Language).HasMaxLength(5);
        builder.Property(t => t.Text).HasMaxLength(MessageText.MaxTemplateLength);
        builder.Property(t => t.DltTemplateId).HasMaxLength(MessageText.MaxDltTemplateIdLength);
        builder.Property(t => t.UpdatedBy).HasMaxLength(100);
        builder.HasIndex(t => new { t.Event, t.Language }).IsUnique();
    }
}
