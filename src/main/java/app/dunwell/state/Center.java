package app.dunwell.state;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.ColumnTransformer;

import java.time.Instant;

/** A center: its time zone, closures, setting overrides, mode, webhook secret and kill switch. */
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
    /** The center's kill switch: nothing is sent while it is on. */
    public boolean sendingPaused;
    public Instant createdAt;
}
