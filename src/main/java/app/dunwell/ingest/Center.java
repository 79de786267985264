package app.dunwell.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A center: its time zone, closures, setting overrides, mode and webhook secret. */
@Entity
@Table(name = "center")
public class Center extends PanacheEntityBase {
    @Id
    public String id;
    public String name;
    public String timezone;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String holidays;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String settings;
    public String mode;
    public String webhookSecret;
    public Instant createdAt;
}
