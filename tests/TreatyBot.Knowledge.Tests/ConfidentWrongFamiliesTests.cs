using TreatyBot.Knowledge;
using TreatyBot.Knowledge.Answers;
using TreatyBot.Knowledge.Facts;

namespace TreatyBot.Tests.Knowledge;

/// <summary>
/// Families of questions the bot used to answer confidently and wrongly (the tuning part of the question bank, issue
/// 13): spoken «чё» read as «чей», small talk inside a question, a foreign name "corrected" into a question word, a
/// profile of a place the question only mentions, "what became of him" answered with who he was, and "who absorbed
/// the company" answered with the company, a yes/no question proposing a wrong year or place answered with a fact that
/// holds it, or a fact that holds the proposed day of another event confirming it; a wrong year or count answered with
/// the real one but without "no", or a year no fact has read as another subject. Every question here was written for
/// these tests, not taken from a bank.
/// </summary>
public sealed class ConfidentWrongFamiliesTests(FactBaseFixture knowledge) : IClassFixture<FactBaseFixture>
{
    private Answerer Answerer => knowledge.Answerer;

    [Theory]
    [InlineData("а чё было в протоколе Б?", "нефт")]
    [InlineData("чо там по протоколу Б было", "нефт")]
    public void Ask_SpokenChyo_IsReadAsWhatNotWhose(string question, string expected)
    {
        var answer = Answerer.Ask(question);

        Assert.DoesNotContain(Aspect.Who, answer.Match!.Aspects);
        Assert.Contains(Aspect.What, answer.Match.Aspects);
        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Contains(expected, answer.Fact!.Statement(answer.Language), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("How would I say thanks in Japanese?")]
    [InlineData("Как сказать спасибо по-японски?")]
    public void Ask_ThanksInsideAnOtherQuestion_IsNotAnsweredWithAFact(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.NotEqual(AnswerKind.Fact, answer.Kind);
        Assert.NotEqual(AnswerKind.SmallTalk, answer.Kind);
    }

    [Theory]
    [InlineData("Спасибо! А когда конвенция вступила в силу?", "26 февраля 1925")]
    [InlineData("Where was the treaty signed? Thanks", "Peking")]
    public void Ask_ThanksAtTheEdgeOfAQuestion_StillAnswersIt(string question, string expected)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Contains(expected, answer.Fact!.Statement(answer.Language), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Who drafted the Dawes Plan?")]
    [InlineData("What did the Dawes report say?")]
    public void Ask_ForeignNameNoFactKnows_IsNotReadAsAQuestionWord(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.DoesNotContain(Aspect.When, answer.Match!.Aspects);
        Assert.NotEqual(AnswerKind.Fact, answer.Kind);
    }

    [Theory]
    [InlineData("Добрый вечер! Что за договор заключили Советский Союз и Япония в Пекине?")]
    [InlineData("What was the treaty that the Soviets and Japan signed in Peking about?")]
    public void Ask_WhatIsTheTreatySignedInPeking_AnswersWithTheTreatyNotTheCity(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Equal(["peking-treaty"], answer.Fact!.About);
    }

    [Theory]
    [InlineData("Что стало с Ёсидзавой потом?", "Ёсидзава")]
    [InlineData("what became of Yoshizawa later on?", "Yoshizawa")]
    public void Ask_WhatBecameOfAPersonWhoseProfileDoesNotSay_OffersTheProfileWithACaveat(string question, string name)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Partial, answer.Kind);
        Assert.Equal(knowledge.Facts.Texts.Get("partial", answer.Language), answer.Reply);
        Assert.Contains(name, answer.Fact!.Statement(answer.Language), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Что было дальше с Северным Сахалином?", "СССР")]
    public void Ask_WhatBecameOfAPlaceWhoseProfileTellsIt_AnswersConfidently(string question, string expected)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Contains(expected, answer.Fact!.Statement(answer.Language), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Кем была поглощена компания Кита Карафуто Сэкию?", "Тэйкоку")]
    [InlineData("Which company absorbed Kita Karafuto Sekiyu in the end?", "Teikoku")]
    public void Ask_WhoAbsorbedTheOilCompany_NamesTheCompanyThatDid(string question, string expected)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Contains(expected, answer.Fact!.Statement(answer.Language), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Правда ли, что японцы ушли с Северного Сахалина в 1926 году?", "protocol-a-evacuation", "15 мая 1925")]
    [InlineData("was the treaty signed in 1926?", "signing-date", "20 January 1925")]
    [InlineData("Ратифицировала ли Япония конвенцию в 1930 году?", "convention-ratification", "25 февраля 1925")]
    [InlineData("was the treaty signed in Tokyo?", "signing-date", "Peking")]
    [InlineData("кажется, договор с японией подписали в Токио в 1925-м, верно?", "signing-date", "Пекин")] // the year is right, the place is not
    [InlineData("Was the treaty signed on 26 February 1925?", "signing-date", "20 January 1925")] // the day it came into force
    [InlineData("Правда ли, что договор подписан 26 февраля 1925 года?", "signing-date", "20 января 1925")]
    [InlineData("Did Japan ratify the Convention on 27 February 1925?", "convention-ratification", "25 February 1925")] // the day it was promulgated
    [InlineData("Правда ли, что Япония ратифицировала конвенцию 27 февраля 1925 года?", "convention-ratification", "25 февраля 1925")]
    [InlineData("Was the oil contract signed on 22 July 1925?", "oil-contract", "14 December 1925")] // the coal contract's day
    public void Ask_YesNoQuestionProposingAWrongYearOrPlace_GetsTheEventWithTheRealOne_NotAFactThatHoldsTheProposal(string question, string fact, string date)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Equal(fact, answer.Fact!.Id);
        Assert.Contains(date, answer.Fact.Statement(answer.Language), StringComparison.Ordinal);
        Assert.Equal(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply); // «Нет.», "No." first
    }

    // Round 48: with examples.tsv written again from the readers' new verdicts, the classifier leans further to the fact
    // on the parties here (its lead 3.9, was 1.5) and the bot asks which of the two was meant, the signing first, where it
    // answered "no, in Peking" before. What must hold is that Moscow is never confirmed and the real place is shown first.
    [Fact]
    public void Ask_WasItSignedInMoscow_NeverConfirmsMoscow_AndShowsTheSigningInPekingFirst()
    {
        var answer = Answerer.Ask("был ли договор подписан в Москве?");

        Assert.Contains(answer.Kind, new[] { AnswerKind.Fact, AnswerKind.Partial, AnswerKind.Candidates });
        var shown = ShownFirst.Of(answer)!;
        Assert.Equal("signing-date", shown.Id);
        Assert.Contains("Пекин", shown.Statement(answer.Language), StringComparison.Ordinal);
        Assert.NotEqual(Answerer.Facts.Texts.Get("premise-yes", answer.Language), answer.Reply);
    }

    [Theory]
    [InlineData("Правда ли, что советско-японская конвенция вступила в силу ещё в январе 1925 года?", "entry-into-force", "26 февраля 1925")]
    [InlineData("Японцы ушли с Северного Сахалина в июне 1925 года?", "protocol-a-evacuation", "15 мая 1925")] // no fact has June 1925: not "yes" for its year
    public void Ask_YesNoQuestionOnTheRightEventWithAWrongMonth_OpensWithNoThenTheRealDate(string question, string fact, string date)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Equal(fact, answer.Fact!.Id);
        Assert.Contains(date, answer.Fact.Answer[answer.Language], StringComparison.Ordinal);
        Assert.Equal(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
    }

    [Theory]
    [InlineData("Правда ли, что конвенцию подписали в Пекине?")]
    [InlineData("Верно ли, что переговоры начались 14 мая 1924 года?")]
    [InlineData("Was the oil contract signed in Moscow?")]
    [InlineData("Конвенция вступила в силу в феврале 1925 года?")] // disputed day, certain month
    public void Ask_YesNoQuestionWhoseDayOrPlaceTheFactHolds_OpensWithYes(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Equal(Answerer.Facts.Texts.Get("premise-yes", answer.Language), answer.Reply); // «Да.», "Yes." first
    }

    [Theory]
    [InlineData("Японская нефтяная концессия действовала до 1970 года?")] // a year alone: held, yet the concession ended in 1944
    [InlineData("Подписали договор не в Пекине?")] // denied
    [InlineData("договор подписали в Пекине или в Токио?")] // a choice
    [InlineData("Did Japan recognise the USSR on 20 January 1925?")] // the answer says "Yes" itself
    [InlineData("Когда подписали договор в Пекине?")] // not a yes/no question
    [InlineData("Как в Пекинском договоре 1925 года решили вопрос о взаимных претензиях?")] // the year is the topic
    [InlineData("Как японцы передали власть в Александровске?")] // asks how
    [InlineData("How was power handed over in Aleksandrovsk?")]
    [InlineData("Из-за чего начался конфликт вокруг японского консула во Владивостоке?")] // «из-за чего» asks why
    [InlineData("hi, was the Treaty of Peking denounced on 5 April 1945?")] // the date is the Neutrality Pact's
    [InlineData("Правда ли, что переговоры начались 15 мая 1924 года?")] // 15 May is another source's reading, not the fact's date
    [InlineData("Какой регистрационный номер у конвенции в Лиге Наций?")] // asks a detail
    [InlineData("Is the date of 22 July 1925 for the coal contract confirmed?")] // a weak fact
    [InlineData("Иоффе участвовал в Пекинских переговорах?")] // the fact holds Peking, but Joffe talked elsewhere
    [InlineData("Did the USSR ratify the convention on 25 February 1925?")] // Japan's day; the USSR's the sources do not give
    public void Ask_QuestionWhoseProposalIsNotCheckedWhole_DoesNotOpenWithYes(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.NotEqual(Answerer.Facts.Texts.Get("premise-yes", answer.Language), answer.Reply);
    }

    [Theory]
    [InlineData("Японские войска ушли с Северного Сахалина 26 февраля 1925 года, правда?", "evacuation-may-1925")] // the day it came into force
    [InlineData("Протокол о передаче японских концессий подписан 13 апреля 1941 года, верно?", "liquidation-protocol-1944")] // the Neutrality Pact's day
    [InlineData("Did the Japanese troops leave Northern Sakhalin on 20 January 1925?", "protocol-a-evacuation")] // the signing day
    public void Ask_YesNoQuestionWithAnotherEventsDay_AnsweredByTheFactOnTheEvent_OpensWithNo(string question, string fact)
    {
        // However the fact was found (here most often by the learned gate, the rules having found none), a day it neither
        // holds nor has as its own is a wrong claim.
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Equal(fact, answer.Fact!.Id);
        Assert.Equal(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
    }

    [Theory]
    [InlineData("Признала ли Япония Советский Союз в марте 1925 года?")]
    [InlineData("Did Japan recognise the USSR in March 1925?")]
    public void Ask_YesNoQuestionAnsweredByAFactThatSaysYesItself_NeverOpensWithNoBeforeIt(string question)
    {
        // The fact on the recognition opens «Да: подписав конвенцию 20 января 1925 года…»: "No. Yes: …" contradicts itself.
        var answer = Answerer.Ask(question);

        Assert.Equal("japan-recognised-ussr", answer.Fact?.Id);
        Assert.NotEqual(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
    }

    [Fact]
    public void Ask_YesNoQuestionNamingAPlaceAsWhatWasRecognised_IsNotAnsweredNoWithAnotherFact()
    {
        var answer = Answerer.Ask("Правда ли, что СССР в 1925 году признал Курилы японскими?");

        Assert.NotEqual("japan-recognised-ussr", answer.Fact?.Id);
        Assert.NotEqual(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
    }

    [Fact]
    public void Ask_YesNoQuestionWhoseDayTheSourcesLack_DoesNotOpenWithNo()
    {
        // The fact on the end of the Convention says the sources give neither the act nor the day: it cannot say "no".
        var answer = Answerer.Ask("Прекратила ли конвенция действие в момент объявления войны Японии в августе 1945 года?");

        Assert.NotEqual(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
        Assert.Equal(AnswerKind.Fact, answer.Kind); // the declaration of war as a moment is asked about, not refused
    }

    [Theory]
    [InlineData("Японская нефтяная концессия действовала до 1970 года?", "oil-concession-term")]
    [InlineData("was the oil company founded in 1926?", "kita-karafuto-sekiyu")]
    [InlineData("Was the oil contract signed in Moscow?", "oil-contract")]
    [InlineData("Конвенцию зарегистрировали в Лиге Наций в 1925 году?", "league-registration")]
    public void Ask_YesNoQuestionWhoseYearOrPlaceIsRight_KeepsTheFactThatHoldsIt(string question, string fact)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(fact, answer.Fact?.Id);
        Assert.NotEqual(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
        Assert.Equal(AnswerKind.Fact, answer.Kind); // the declaration of war as a moment is asked about, not refused
    }

    [Theory]
    [InlineData("Правда, что конвенцию подписали в 1924 году?", "signing-date")]
    [InlineData("Протокол о ликвидации концессий подписали в 1945 году?", "liquidation-protocol-1944")]
    [InlineData("Did the Japanese leave Northern Sakhalin in 1924?", "evacuation-may-1925")]
    [InlineData("Did the Japanese leave Northern Sakhalin in 1927?", "evacuation-may-1925")] // a year no fact has: not another subject
    [InlineData("Was the coal concession contract signed in 1927?", "coal-contract")]
    [InlineData("Договор подписали в 1924 году?", "signing-date")] // the matcher ranks 1924's events first, the classifier is sure of the signing
    [InlineData("the fishery convention was signed in 1927, right?", "fisheries-1928")] // a year no fact knows, the classifier fairly sure
    public void Ask_YesNoQuestionProposingAWrongYear_OpensWithNoBeforeTheRealDate(string question, string fact) =>
        // A year alone after «в» or "in" is checked against the fact shown, however it was found: one that dates its
        // event and never mentions the year refutes it. A year no fact has used to make the question "outside my
        // subject" even when the classifier was sure which fact it was on.
        AssertAnsweredNo(question, fact);

    [Theory]
    [InlineData("Пекинская конвенция действовала до 1960 года?", "convention-fate")] // a bound, not a year after «в»
    [InlineData("Когда перестала действовать конвенция — в 1947?", "convention-end-1945")] // asks when, guessing
    [InlineData("Did the oil concession run until 1980?", "oil-concession-term")]
    public void Ask_QuestionOnAFactNamingAYearNoFactHas_IsAnsweredWithTheRealDate(string question, string fact)
    {
        // A year no fact knows makes a question "outside my subject" only when the classifier is not sure it is on a fact.
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.Equal(fact, answer.Fact?.Id);
    }

    [Theory]
    [InlineData("Was Napoleon defeated in 1812?")]
    [InlineData("Когда началась Первая мировая война, в 1914?")]
    public void Ask_QuestionOnAnotherSubjectNamingAYearNoFactHas_IsOutsideTheSubject(string question) =>
        Assert.Equal(AnswerKind.OutOfScope, Answerer.Ask(question).Kind);

    [Theory]
    [InlineData("Did the 1925 treaty give Japan half of the Sakhalin oil fields?")] // the treaty's own year names the topic
    [InlineData("Японцам по договору 1925 года дали половину нефтяных площадей?")]
    [InlineData("Was the Japan deal the last of the mid-1920s recognitions of the USSR?")] // a decade is no year to check
    [InlineData("Was the fishery convention revised after 1925?")] // a bound, not a proposed year
    public void Ask_YesNoQuestionWhoseYearIsItsTopic_DoesNotOpenWithNo(string question) =>
        AssertAnsweredWithoutNo(question);

    [Fact]
    public void Ask_YesNoQuestionNamingAVolumeByAShortOrdinal_IsNotReadAsAWrongYear()
    {
        // «в 34-м томе» reads as the year 1934 too; the Convention is in volume 34, so "no" would be a wrong answer.
        var answer = Answerer.Ask("Верно ли, что текст конвенции помещён в 34-м томе Серии договоров Лиги Наций?");

        Assert.NotEqual(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
    }

    [Theory]
    [InlineData("Нефтяную концессию японцам выдали на 75 лет?", "oil-concession-term")]
    [InlineData("Was the oil concession granted for 30 years?", "oil-concession-term")]
    [InlineData("Japan got 70 per cent of the Sakhalin oil fields?", "protocol-b-oil-share")]
    [InlineData("Японцы получили 30 % нефтяных площадей?", "protocol-b-oil-share")]
    public void Ask_YesNoQuestionProposingAWrongCount_OpensWithNoBeforeTheRealOne(string question, string fact) =>
        // The answer counts the same thing (years, per cent) with another number only: the claim is wrong.
        AssertAnsweredNo(question, fact);

    [Theory]
    [InlineData("Нефтяную концессию японцам выдали на 45 лет?")] // right
    [InlineData("Was the oil concession granted for more than 40 years?")] // a bound the answer meets
    [InlineData("Japan wanted 60 percent of the oil area at first?")] // the answer holds it among other shares
    public void Ask_YesNoQuestionProposingACountTheAnswerHolds_DoesNotOpenWithNo(string question) =>
        AssertAnsweredWithoutNo(question);

    [Theory]
    [InlineData("Договор подписал Чичерин?", "signatories")] // a name no fact knows
    [InlineData("Декларацию к конвенции подписал Ёсидзава?", "declaration-signature")] // a person who signed something else
    [InlineData("Was the neutrality pact signed by Litvinov?", "neutrality-pact")]
    public void Ask_YesNoQuestionProposingAWrongSigner_OpensWithNoBeforeWhoSigned(string question, string fact) =>
        // The fact names who signed, and not the person proposed.
        AssertAnsweredNo(question, fact);

    [Theory]
    [InlineData("Did Molotov sign the neutrality pact?")] // right
    [InlineData("Конвенцию подписали Карахан и Чичерин?")] // half right: the answer names Karakhan, not "no"
    [InlineData("Did Karakhan or Chicherin sign the convention?")] // a choice
    public void Ask_YesNoQuestionProposingASignerTheAnswerNames_DoesNotOpenWithNo(string question) =>
        AssertAnsweredWithoutNo(question);

    /// <summary>Asks <paramref name="question"/>: the fact <paramref name="fact"/> must answer, opening with "no".</summary>
    private void AssertAnsweredNo(string question, string fact)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(fact, answer.Fact?.Id);
        Assert.Equal(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
    }

    /// <summary>Asks <paramref name="question"/>: a fact must answer, without "no" before it.</summary>
    private void AssertAnsweredWithoutNo(string question)
    {
        var answer = Answerer.Ask(question);

        Assert.Equal(AnswerKind.Fact, answer.Kind);
        Assert.NotEqual(Answerer.Facts.Texts.Get("premise-no", answer.Language), answer.Reply);
    }
}
