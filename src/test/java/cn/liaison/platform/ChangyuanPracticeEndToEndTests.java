package cn.liaison.platform;

import static org.assertj.core.api.Assertions.assertThat;

import cn.liaison.platform.scenario.CountyScenario;
import cn.liaison.platform.scenario.DemoUser;
import cn.liaison.platform.scenario.Forum;
import cn.liaison.platform.scenario.Proposal;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bulletin's 长垣 practice, entered the way the people do it, through /api and /engine-rest as the demo users:
 * the two industry stations (防腐 and 起重) collect 13 opinions that, sorted and analysed, their station heads compile
 * into 4 deputy proposals with co-signers ("收集群众意见建议13条，整理后提出代表建议4件"), and each hold two forums with
 * their stationed deputies ("每个站召开座谈会2次，代表参与率达90%以上，提出专业性建议10条"); the figures read back from
 * the API are the bulletin's.
 */
@PlatformTest
class ChangyuanPracticeEndToEndTests {

  static final List<String> STATIONS = List.of(CountyScenario.ANTICORROSION, CountyScenario.CRANE);

  @RegisterExtension final CountyScenario county = CountyScenario.eachTest();

  @Test
  void eachIndustryStationHoldsTwoForumsWithOverNinetyPercentOfItsDeputiesAndTenSuggestionsComeOfThem() {
    String category = county.anonymous().read("/api/categories").get(0).path("code").asText();
    // who makes a suggestion at which forum: ten in all, from the deputies present and the invited experts
    int[][] suggestionsPerForum = {{3, 2}, {3, 2}};
    List<String> forums = new ArrayList<>();
    int round = 0;
    for (int s = 0; s < STATIONS.size(); s++) {
      String station = STATIONS.get(s);
      for (int f = 0; f < 2; f++) {
        ZonedDateTime scheduledOn = CountyScenario.beijing(2027, 5, 10 + 7 * round, 9, 0);
        CountyScenario.clockAt(scheduledOn);
        // staff1 works for both 长垣 stations; the invitees are the station's deputies (the directory's default)
        Forum forum = county.forum(station, f == 0 ? "产业发展难题座谈会" : "企业用工与融资座谈会")
            .sector(station.equals(CountyScenario.CRANE) ? "起重" : "防腐").place("联络站会议室")
            .expert("张工", "长垣市产业研究院").startsAt(scheduledOn.plusDays(3).withHour(9).withMinute(30))
            .calledBy("staff1");
        forums.add(forum.no());

        // every invited deputy answers in Tasklist; they come
        List<String> invited = forum.invited();
        assertThat(invited).as("the stationed deputies of %s", station).isNotEmpty();
        forum.everyoneInvitedAccepts();

        // on the day the staff sign them in (twice over, as happens at a door: counted once) and take the suggestions
        forum.everyoneInvitedSignsIn().everyoneInvitedSignsIn();
        for (int k = 0; k < suggestionsPerForum[s][f]; k++) {
          forum.suggestion(k == 0 ? "张工" : invited.get(k % invited.size()), "关于" + station + "第" + (f + 1)
              + "次座谈会的第" + (k + 1) + "条专业性建议：规范市场秩序、完善产业配套。", category,
              k == 0 ? "RECORD" : k == 1 ? "PROPOSAL" : "OPINION");
        }
        round++;
      }
    }

    // the figures, read back as a county office would
    int suggestions = 0;
    for (String station : STATIONS) {
      int invited = 0;
      int attended = 0;
      int held = 0;
      DemoUser analyst = county.as(CountyScenario.ANALYST);
      for (JsonNode listed : analyst.read("/api/forums?station=" + station)) {
        String no = listed.path("forumNo").asText();
        if (!forums.contains(no)) {
          continue; // forums of other tests in the shared database
        }
        JsonNode forum = analyst.read("/api/forums/" + no);
        held++;
        invited += forum.path("invited").asInt();
        attended += forum.path("attended").asInt();
        assertThat(forum.path("participationRate").asDouble())
            .isEqualTo(forum.path("attended").asDouble() / forum.path("invited").asDouble());
        suggestions += forum.path("suggestions").size();
      }
      assertThat(held).as("forums held by %s", station).isEqualTo(2);
      assertThat((double) attended / invited).as("deputies' participation at %s", station).isGreaterThan(0.9);
    }
    assertThat(suggestions).as("professional suggestions of the four forums").isEqualTo(10);
  }

  @Test
  void thirteenOpinionsOfTheTwoIndustryStationsBecomeFourProposalsOfTheirStationHeads() {
    // station, its head (站长, the lead deputy), a co-signer stationed there, opinions per proposal
    Object[][] stations = {{"cy-anticorrosion", "deputy1", "deputy4", new int[] {3, 3}},
        {"cy-crane", "deputy3", "deputy7", new int[] {4, 3}}};
    List<String> proposals = new ArrayList<>();
    List<String> tickets = new ArrayList<>();
    for (Object[] s : stations) {
      String station = (String) s[0];
      String head = (String) s[1];
      String coSigner = (String) s[2];
      int[] perProposal = (int[]) s[3];
      List<String> routed = new ArrayList<>();
      for (int i = 0; i < perProposal[0] + perProposal[1]; i++) {
        routed.add(routedToProposal(station, head, i));
      }
      tickets.addAll(routed);

      // the head finds them in the station's proposal pool
      List<String> pool = new ArrayList<>();
      county.as(head).read("/api/proposals/candidates?station=" + station)
          .forEach(c -> pool.add(c.path("ticketNo").asText()));
      assertThat(pool).containsAll(routed);

      int from = 0;
      String trade = station.equals(CountyScenario.CRANE) ? "起重" : "防腐";
      for (int p = 0; p < 2; p++) {
        List<String> linked = routed.subList(from, from + perProposal[p]);
        from += perProposal[p];
        // the co-signer agrees in Tasklist; the congress office accepts it
        Proposal proposal = county.proposal(p == 0 ? "关于规范长垣" + trade + "市场的建议" : "关于加强" + trade + "产业人才培养的建议")
            .reasons("联络站收集的群众意见反映，行业无序竞争、从业人员技能不足，影响产业健康发展。")
            .content("建议行业主管部门牵头制定行业规范，建立培训考核制度，定期开展检查。").category("SAFETY")
            .coSigners(coSigner).compiling(linked).submittedBy(head).coSigned().acceptedByOffice();
        proposals.add(proposal.no());
      }
    }

    // the figures, read back as the congress office would
    assertThat(proposals).hasSize(4).allMatch(no -> no.matches("JY\\d{4}-\\d{4}"));
    List<String> compiled = new ArrayList<>();
    for (String no : proposals) {
      JsonNode proposal = county.as(CountyScenario.CONGRESS_OFFICE).read("/api/proposals/" + no);
      proposal.path("linkedOpinions").forEach(o -> compiled.add(o.path("ticketNo").asText()));
      assertThat(proposal.path("coSigners")).singleElement()
          .satisfies(c -> assertThat(c.path("decision").asText()).isEqualTo("AGREE"));
    }
    assertThat(compiled).as("opinions compiled into the four proposals").hasSize(13)
        .containsExactlyInAnyOrderElementsOf(tickets);
    for (String station : STATIONS) {
      List<String> pool = new ArrayList<>();
      county.as(CountyScenario.CONGRESS_OFFICE).read("/api/proposals/candidates?station=" + station)
          .forEach(c -> pool.add(c.path("ticketNo").asText()));
      assertThat(pool).as("an opinion belongs to one proposal only").doesNotContainAnyElementsOf(tickets);
    }
  }

  /** A citizen's opinion at the station, sorted by staff1 and routed by analyst1 to the head's proposal. */
  String routedToProposal(String station, String head, int i) {
    return county.opinion("行业内低价竞争、以次充好的情况较多，希望人大代表推动规范市场秩序（第" + (i + 1) + "条）。")
        .at(station).category("SAFETY").place("长垣市").from("王先生", "1390373" + String.format("%04d", 1000 + i))
        .submitted().sorted(CountyScenario.MARKET).toProposalOf(head).ticket();
  }
}
