package cn.liaison.platform.evidence;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Evidence photos (liaison.evidence): the largest file accepted, the largest picture (pixels, so a small file cannot
 * unpack into an enormous image) and whether JPEG and PNG photos are re-encoded, which drops their metadata such as
 * the GPS position (on by default; a county that wants the position kept turns it off). HEIC photos are stored as
 * they are: the platform has no HEIC encoder.
 */
@ConfigurationProperties("liaison.evidence")
public record EvidenceProperties(@DefaultValue("10485760") int maxBytes, @DefaultValue("60000000") long maxPixels,
    @DefaultValue("true") boolean stripMetadata) {}
