package cn.liaison.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** 代表联络站闭环工作平台: the deputy liaison station platform on Camunda 7. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LiaisonPlatformApplication {

  public static void main(String[] args) {
    SpringApplication.run(LiaisonPlatformApplication.class, args);
  }
}
