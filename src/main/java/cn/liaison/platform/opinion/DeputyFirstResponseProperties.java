package cn.liaison.platform.opinion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * 代表先行答复 (liaison.deputy-first-response.*, environment LIAISON_DEPUTY_RESPONSE_DAYS): the working days a deputy
 * has to answer, forward or keep an opinion sent to him or her (default 3); then it goes to the station's staff.
 */
@ConfigurationProperties("liaison.deputy-first-response")
public record DeputyFirstResponseProperties(@DefaultValue("3") int workingDays) {

  public DeputyFirstResponseProperties {
    if (workingDays < 1 || workingDays > 30) {
      throw new IllegalArgumentException("liaison.deputy-first-response.working-days must be 1 to 30: " + workingDays);
    }
  }
}
