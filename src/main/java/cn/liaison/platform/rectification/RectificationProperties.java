package cn.liaison.platform.rectification;

import java.time.LocalTime;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the rectification lists (liaison.rectification): the time of day a problem's deadline day ends (its
 * 督办 moment; 催办 is planned before it by the opinion loop's settings liaison.opinion.urge-at-percent and urge-time).
 */
@ConfigurationProperties("liaison.rectification")
public record RectificationProperties(@DefaultValue("18:00") LocalTime dueTime) {}
