package cn.liaison.platform.opinion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * liaison.opinion.*: urgeGraceDays — working days a department gets after a supervisor urges it again;
 * maxExtensionDays — the furthest a department may ask to move its deadline (working days from today).
 */
@ConfigurationProperties("liaison.opinion")
public record OpinionProperties(@DefaultValue("2") int urgeGraceDays, @DefaultValue("30") int maxExtensionDays) {}
