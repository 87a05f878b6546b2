import { AREA_IDS, type Area, type AreaId, type MeetingRung } from "./types.js";

/**
 * The seed's meeting ladder for a circle of trust: "Quarterly is good, monthly is great, weekly is Nirvana!"
 * Each rung is the next step from one Joint business planning stage: Basic → quarterly,
 * Reactive → monthly, Proactive → weekly.
 */
export const MEETING_LADDER: readonly MeetingRung[] = [
  { cadence: "quarterly", verdict: "good", nextStepFrom: "basic" },
  { cadence: "monthly", verdict: "great", nextStepFrom: "reactive" },
  { cadence: "weekly", verdict: "nirvana", nextStepFrom: "proactive" },
];

function meetingStep(nextStepFrom: MeetingRung["nextStepFrom"]): string {
  const rung = MEETING_LADDER.find((candidate) => candidate.nextStepFrom === nextStepFrom);
  if (!rung) throw new RangeError(`No meeting rung for stage ${nextStepFrom}`);
  return `Meet your circle of trust in person ${rung.cadence} (${rung.cadence} is ${rung.verdict}).`;
}

/** The ten areas, in the seed's order. Stage sentences are written for "Which sentence fits you best?". */
export const AREAS: readonly Area[] = [
  {
    id: "joint-business-planning",
    number: 1,
    name: "Joint business planning",
    why: "Planning with partners exposes the gaps in your offering and the opportunities you would miss alone.",
    applicability: "all",
    stages: {
      basic: "We plan our business on our own; we talk about shared opportunities with partners only when we happen to meet.",
      reactive: "We sit down with a partner when a deal or a gap calls for it, and meet a few partners every quarter or so, loosely.",
      proactive: "We plan with a circle of trust that meets in person every month to map gaps in our offering and pick partners to add.",
      dynamic: "Joint planning is our weekly rhythm: our circle of trust meets in person every week and keeps reshaping our combined offer.",
    },
    nextSteps: {
      basic: [
        "Sit down with one or two partners and explore opportunities together; unstructured is fine at first.",
        "List the gaps in your offering that a partner could fill.",
        meetingStep("basic"),
      ],
      reactive: [
        "Turn the partners you already plan with into a circle of trust.",
        "Consider adding one more partner to raise the value of your joint offering.",
        meetingStep("reactive"),
      ],
      proactive: [
        meetingStep("proactive"),
        "Review the gaps in your combined offering at every meeting and agree who closes each one.",
      ],
    },
  },
  {
    id: "pipeline",
    number: 2,
    name: "Pipeline",
    why: "Partnering is a two-way street: every party must get opportunities, or the partnership turns into taking.",
    applicability: "all",
    stages: {
      basic: "We manage our pipeline internally and seldom pass opportunities to partners; when we partner, we mostly take.",
      reactive: "We pass an opportunity to a partner when asked or when a deal needs it, but sharing is occasional and not on our sales leaders' agenda.",
      proactive: "We regularly share part of our pipeline with trusted partners, opportunities flow both ways, and our head of sales meets partners in a rhythm.",
      dynamic: "Partnering is on every sales meeting's agenda; our circle of trust sees our shared pipeline online, and opportunities flow both ways all the time.",
    },
    nextSteps: {
      basic: [
        "Agree with your partners that opportunities flow both ways: give as well as take.",
        "Make partnering an agenda item in your sales team meetings.",
      ],
      reactive: [
        "Share your pipeline, or part of it, on the web with your trusted partners.",
        "Get buy-in from the top: have your VP of Sales meet partners' sales leaders in a rhythm.",
      ],
      proactive: [
        "Keep partnering on the agenda of every sales team meeting and review what you gave and what you got.",
        "Open your shared pipeline to your whole circle of trust, not only one or two partners.",
      ],
    },
  },
  {
    id: "agreement",
    number: 3,
    name: "Agreement",
    why: "Business is done between people who trust each other; a fair, two-way agreement puts that trust on paper.",
    applicability: "all",
    stages: {
      basic: "We partner on a handshake or on terms made up deal by deal; nothing about the partnership itself is written down.",
      reactive: "We sign a memorandum of understanding or a simple contract when a deal requires one, and its terms mostly protect our side.",
      proactive: "We have a two-way partnering agreement, signed at senior level by both parties, that covers the scenarios we could foresee.",
      dynamic: "Our two-way, non-exclusive agreements are built for the long haul and reviewed with each partner every year as the partnership grows.",
    },
    nextSteps: {
      basic: [
        "Get a memorandum of understanding signed by senior people on both sides.",
        "Start from trust: agree what you want to achieve together before the legal detail.",
      ],
      reactive: [
        "Replace one-sided terms with a partnering agreement that works both ways and is built for the long haul.",
        "Spend time identifying all aspects and possible scenarios, and cover them in the agreement.",
      ],
      proactive: [
        "Review the agreement with each partner every year.",
        "Keep it non-exclusive, so everyone partners with those they see value in.",
      ],
    },
  },
  {
    id: "leads",
    number: 4,
    name: "Leads",
    why: "Leads come from a process, not luck; a shared process and a real customer are what make a lead worth passing on.",
    applicability: "all",
    stages: {
      basic: "We have no lead process with partners, and what we call a lead is often an offer to resell our product with no customer behind it.",
      reactive: "We pass a lead to a partner when a customer asks for something we cannot deliver, with no agreed process or response time.",
      proactive: "We follow the same sales process as our partners, invest jointly in generating leads, and connect on every real lead within an agreed time.",
      dynamic: "We give leads to our circle of trust generously, without needing to earn every time, and keep improving our shared lead process with them.",
    },
    nextSteps: {
      basic: [
        "Only call it a lead when an identified customer has shown interest; drop the 'reversed lead'.",
        "Listen to your customers and note the needs that a partner could meet.",
      ],
      reactive: [
        "Commit to the same sales process as your partners.",
        "Create a joint process for generating leads and invest time and money in it together.",
        "Agree to connect on every identified opportunity within a set timeframe.",
      ],
      proactive: [
        "Be generous: givers gain, and you don't need to earn money on every lead.",
        "Aim to be one up: give at least as many leads as you receive.",
      ],
    },
  },
  {
    id: "sales-compensation",
    number: 5,
    name: "Sales compensation",
    why: "Sales people follow their pay plan; if partnering pays less than selling your own work, they will avoid it.",
    applicability: "all",
    stages: {
      basic: "Our sales people earn less, or nothing, on deals done with partners, so they prefer to sell only what we deliver ourselves.",
      reactive: "We decide how to pay for a partner deal case by case when someone asks, usually below what our own delivery earns.",
      proactive: "Our sales people earn the same on partner-delivered revenue as on our own, and our pay model is aligned with our main partners'.",
      dynamic: "We are proud of sales made through partnering: pay is equal and aligned with partners, and we celebrate it with awards such as Partnering Champion.",
    },
    nextSteps: {
      basic: [
        "Make revenue driven through partnering count towards your sales people's compensation.",
        "Be proud of sales done via partnering and say so openly in the team.",
      ],
      reactive: [
        "Award your sales people the same for partnering as for what you deliver yourselves, even though your margin is lower.",
        "Align your compensation model with your partners' models.",
      ],
      proactive: [
        "Invent soft awards such as Partnering Champion of the Month or Quarter.",
        "Recheck the alignment with each new partner that joins your circle of trust.",
      ],
    },
  },
  {
    id: "market-messaging",
    number: 6,
    name: "Market messaging",
    why: "Going to market together gives more bang for the buck, and a named partnership sets you apart.",
    applicability: "all",
    stages: {
      basic: "Partnering is absent from our website, presentations and marketing; we go to market alone.",
      reactive: "We mention a partner in our marketing when a joint deal calls for it, but partnering is not part of our everyday message.",
      proactive: "Our website, business cards, ads and company presentation show that we partner, and we plan joint ads, booths or seminars with partners.",
      dynamic: "Our circle of trust has its own name and we go to market together as a matter of course; partnering is a key part of how we stand out.",
    },
    nextSteps: {
      basic: [
        "Show that you like partnering on your website, business cards, ads and company presentation.",
        "Name the partners you work with in your company presentation.",
      ],
      reactive: [
        "Go to market together: plan a joint ad, a shared trade-show booth or a joint seminar.",
        "Make partnering a standing part of your message to the market, not only around single deals.",
      ],
      proactive: [
        "Invent a name for your circle of trust and use it in the market.",
        "Make joint campaigns with your circle of trust the default for your events and ads.",
      ],
    },
  },
  {
    id: "geography",
    number: 7,
    name: "Geography",
    why: "Partners are a great way to reach new markets, but only if you focus and meet people in person.",
    applicability: "all",
    stages: {
      basic: "We try to sell everywhere at once, mostly by email and calls, without local partners on the ground.",
      reactive: "We work with a partner in another region when a customer there asks, usually at a distance and without a plan for that market.",
      proactive: "We have chosen one or a few target countries or states, meet partners there in person, and only bring leads that have a real customer.",
      dynamic: "Growing through partners is how we enter markets: one focused market at a time, meeting partners in person and using local IAMCP chapters.",
    },
    nextSteps: {
      basic: [
        "Be selective: pick one country or state to focus on instead of the whole world.",
        "Plan a trip to meet potential partners in that market in person.",
      ],
      reactive: [
        "Meet partners in your target market in person rather than relying on email or conference calls.",
        "Only bring a lead when a potential customer has expressed interest; no reversed leads.",
      ],
      proactive: [
        "Ask the IAMCP chapter in your target geography if you can be a guest at their next meeting.",
        "Repeat the focused approach for your next market once the first one works.",
      ],
    },
  },
  {
    id: "resource-utilization",
    number: 8,
    name: "Resource utilization",
    why: "Sharing people and skills in both directions lets each partner specialise and keeps everyone's bench busy.",
    applicability: "all",
    stages: {
      basic: "We staff every job ourselves, even outside our core skills; we neither borrow people from partners nor lend ours.",
      reactive: "We borrow or lend consultants when a gap appears and negotiate the price each time.",
      proactive: "We have a two-way price list or revenue-sharing model with partners and use them for work outside our core competency.",
      dynamic: "We share bench information openly, give our circle of trust priority and even move non-core people to partners; resourcing is a joint effort.",
    },
    nextSteps: {
      basic: [
        "Identify the work outside your core competency that a partner could do better.",
        "Agree a simple price for borrowing and lending people in both directions.",
      ],
      reactive: [
        "Commit to a price list or revenue-sharing model that goes both ways.",
        "Narrow your specialization by using other partners for what is not core to you.",
      ],
      proactive: [
        "Share who is on the bench and actively help get them into partners' assignments.",
        "Give priority to your own circle of trust.",
        "Be open to transferring people who are not core to you to other partners.",
      ],
    },
  },
  {
    id: "customer-relationship",
    number: 9,
    name: "Customer relationship",
    why: "Customers judge the partnership as a whole; asking them how it works keeps you their trusted advisor.",
    applicability: "all",
    stages: {
      basic: "We rarely ask customers how it feels to work with us and our partners, and problems are left to whoever caused them.",
      reactive: "We discuss partner engagements with customers when they complain, and fix issues case by case.",
      proactive: "We hold 1:1 meetings with customers about their partner experience, measure satisfaction and collect references for our circle of trust.",
      dynamic: "We and our partners take shared and individual responsibility for every customer, whoever is at fault, and act on their feedback continuously.",
    },
    nextSteps: {
      basic: [
        "Hold 1:1 meetings with key customers to understand their experience with their different partner engagements.",
        "Take ownership of a customer issue even when a partner caused it.",
      ],
      reactive: [
        "Measure customer satisfaction proactively, not only after a complaint.",
        "Actively collect customer references for your circle of trust.",
      ],
      proactive: [
        "Agree with your partners to take collective and individual responsibility for customer service, regardless of whose fault it is.",
        "Turn what customers tell you into joint improvements with your circle of trust.",
      ],
    },
  },
  {
    id: "readiness-certifications",
    number: 10,
    name: "Readiness and certifications",
    why: "In a formal vendor program, planning training and certifications with partners cuts overlap and combines strengths to win customers.",
    applicability: "formal-vendor-program",
    stages: {
      basic: "We plan training and certifications for our own people only, without knowing what our partners hold.",
      reactive: "We compare certifications with a partner when a bid requires it, but plan our training separately.",
      proactive: "We train jointly with partners where our skills overlap and plan certifications together to reduce the overlap.",
      dynamic: "We follow a multiyear certification plan with our partners, combining our advanced certifications to win customers none of us could win alone.",
    },
    nextSteps: {
      basic: [
        "Map your certifications against your partners' to see where you overlap.",
        "Invite a partner to a training in an area you share.",
      ],
      reactive: [
        "Run joint partner training in overlapping areas.",
        "Plan certifications together with partners, aiming to reduce overlaps.",
      ],
      proactive: [
        "Build a multiyear certification plan together with your partners.",
        "Combine your advanced certifications with partners' to win customers together.",
      ],
    },
  },
];

/** True when the value is one of the stable area ids. */
export function isAreaId(value: unknown): value is AreaId {
  return typeof value === "string" && (AREA_IDS as readonly string[]).includes(value);
}

/** The area with the given id; throws for an unknown id. */
export function areaById(id: AreaId): Area {
  const area = AREAS.find((candidate) => candidate.id === id);
  if (!area) throw new RangeError(`Unknown area id: ${String(id)}`);
  return area;
}
