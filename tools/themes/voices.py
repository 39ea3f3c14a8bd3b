# ruff: noqa: E501  (one reply a line reads better than wrapped strings)
"""More hand-written training replies, in voices the first set lacks, written for issue 10.

The first training set keyed on the codebook's own words: a reply written by someone who had
never seen them ('had to leave early for the school run', 'the exec team never show up') found
its theme far less often. These replies describe the situations behind each theme in everyday
words, from patients, carers, staff, managers and young people, short and long, tidy and
typed in a hurry. None was copied from an evaluation or development set (data/README.md).
A theme of ``-`` marks a reply that fits no theme: the room, the food, the kit, a service
complaint that is not about how the group works together.
"""

from __future__ import annotations

# question | theme | text
_TEXT = """
working | right-people | For once the room wasn't full of the people who always volunteer for everything
working | right-people | A dad who works nights joined by phone, first time we've heard a father's view
change | right-people | The panel was all white, middle-aged and retired. That's not who comes to our clinic
change | right-people | Need to get under 25s involved, it's their service too
change | right-people | our group is basically staff plus two patient reps who've sat on every committee since 2015
working | right-people | Really pleased the housing officers came, they see a side of people's lives we never do
change | right-people | Young carers weren't there and they're the ones doing the heavy lifting at home
change | right-people | It's always the confident, articulate ones who get picked. The quiet ones with the hardest stories never get asked
working | right-people | Brilliant to have people who were on the ward last month rather than ten years ago
working | right-people | We went to the Polish Saturday school to find parents and three signed up
change | right-people | Why are there no people with dementia themselves, only their carers?
change | right-people | Ask the people who walked out of treatment why they left, they'd tell us the truth
working | right-people | A lad who'd been sleeping rough came along and changed how we saw the whole thing
working | right-people | The mix of backgrounds round the table was so much better today
change | right-people | Porters and receptionists should be asked too, they see patients more than we do
change | right-people | Feels like a closed shop, the same six of us every time
change | right-people | We need people who've had a bad time with the service, not only the fans
working | right-people | The community link worker brought women from the refugee group, which opened our eyes
change | right-people | There should be a place for brothers and sisters, they're affected too
change | right-people | I'm the only man and the only person under 40 in the group
change | right-people | getting a wider range of ppl would help, its always the same lot
working | right-people | Good to see peer workers at the table and not only the managers
change | right-people | If we want to fix the night service we need people who use it at 3am
change | right-people | Traveller families have never been part of this and they have the worst access of anyone
change | right-people | The invite went round the usual mailing list so we got the usual crowd
working | right-people | So refreshing to hear from a 17 year old about what would make her come back
change | right-people | People with learning disabilities should be there themselves, not spoken for by their support workers
change | right-people | The same three people talk every time and the rest of us just nod along
working | right-people | More people who actually use the service than staff this time, felt like the right balance of who was there
change | right-people | We're designing a service for teenagers with not one teenager involved
working | right-people | Getting the word out through the food bank found people we'd never have reached
change | right-people | Whose voice is missing? Anyone who works 9 to 5 and anyone who doesn't speak English
working | buy-in | My line manager asked how it went and wants me to present it at the team huddle
working | buy-in | Our clinical director opened the session and stayed to listen, that mattered to people
change | buy-in | The exec team haven't been to a single session, says it all
change | buy-in | I had to fight to get released from clinic, they see it as a nice-to-have
working | buy-in | Once the head of service said yes, everyone else fell into line
change | buy-in | We need someone senior who'll stand up for our recommendations in the meetings we're not in
change | buy-in | Without the people at the top caring about this it's just us talking to ourselves
change | buy-in | The ward sister made it clear she thinks this is a waste of time
working | buy-in | The chief nurse quoted our work in her newsletter and suddenly staff took it seriously
change | buy-in | the bosses nod along and then nothing gets resourced
change | buy-in | Management treat it like a tick box for the inspectors
working | buy-in | The service lead asked to be kept updated every month, feels like she's behind us
working | buy-in | Our proposals went up to the senior team and came back with a yes, first time ever
change | buy-in | If managers won't free staff up then only the keen ones come
working | buy-in | The new operations manager is really keen on it, which makes a huge difference
change | buy-in | I'd like the directors to hear this directly, not filtered through three layers
change | buy-in | Leadership say they value this but it's the first thing that gets dropped
working | buy-in | The GP partners finally agreed to let the practice nurses come
change | buy-in | Feels like the organisation doesn't really believe in what we're doing
change | buy-in | Senior people need to turn up, even once, so staff know it's allowed
change | buy-in | my manager moaned that I was 'off again' at the group
working | buy-in | Having a named exec sponsor gave the project real weight
change | buy-in | Department heads say 'not yet' to everything we bring them
working | buy-in | Our team leader told everyone this counts as part of the job, not a favour
change | buy-in | The people who hold the purse strings and make decisions have never once asked us what we think
working | buy-in | the trust board actually discussed our report and agreed to take it forward
change | buy-in | The consultants don't rate it, so the junior staff don't bother either
change | time-capacity | Had to leave early for the school run so I missed the end
change | time-capacity | No cover on the ward so I spent the morning answering my bleep
change | time-capacity | Everyone's running on empty at the moment
change | time-capacity | Three of us dropped out this month because clinics are so full
change | time-capacity | The hour went so fast we barely scratched the surface
change | time-capacity | It's hard to fit in reading the papers between looking after mum and work
change | time-capacity | I'm juggling two jobs and caring, I can't give more than an hour a month
change | time-capacity | Our team's two down so nobody could be spared to come
working | time-capacity | Being given the afternoon off clinic to attend meant I could actually focus
working | time-capacity | The agenda was realistic so nobody had to rush
change | time-capacity | I keep meaning to do my action but there aren't enough hours in the day
change | time-capacity | Staff kept popping out to take calls
change | time-capacity | We're expected to do this in our lunch break
change | time-capacity | There isn't any slack in anyone's diary
change | time-capacity | Honestly I'm too tired by the end of the week to think straight
working | time-capacity | The longer gap between meetings gave us room to get things done in between
change | time-capacity | Winter is coming and the wards will be rammed, this will be the first thing to go
change | time-capacity | The pre-reading arrived the night before, no chance to look at it
change | time-capacity | My caseload is 40 families, finding two hours for this is tough
change | time-capacity | A shorter meeting would mean more of us could make it
change | time-capacity | I was double-booked with clinic again
working | time-capacity | Someone else held my phone for the morning so I wasn't dragged away
change | time-capacity | We were all clock-watching because everyone had somewhere else to be
working | time-capacity | We had a full day, not squashed into an hour, so we could go deep
change | time-capacity | I ran here from a home visit and have to run back straight after
change | time-capacity | Being a carer is a full-time job, I can't always find a spare afternoon
change | time-capacity | The team is so thin on the ground that coming here means a colleague picks up my patients
working | time-capacity | Sessions booked months ahead so I could plan my clinics around them
change | time-capacity | Too much crammed into one meeting, we never get to the last items
change | system-change | Every tiny change has to go through about five committees
change | system-change | The computer won't let us change the letter without IT raising a ticket, which takes months
change | system-change | Even when everyone in the room agrees, rules from above stop us
change | system-change | Health and the council don't talk to each other so families fall through the gap
change | system-change | The NHS is like an oil tanker, it takes forever to turn
change | system-change | We were told it's a national template so it can't be touched
working | system-change | Impressive that the hospital changed its visiting rules after we raised it
change | system-change | Procurement rules mean we can't just buy the thing we need
change | system-change | The referral criteria are set by commissioners and nobody here can change them
change | system-change | It's the culture of 'we've always done it this way'
change | system-change | Six months on and the new leaflet is still stuck 'with comms'
change | system-change | By the time anything's approved the people who asked for it have moved on
change | system-change | Separate budgets for health and social care mean nobody owns the problem
working | system-change | The pathway got rewritten across both hospitals, a proper change in how things run
change | system-change | We're stuck waiting for the new IT system, which keeps being delayed
change | system-change | Everything needs a business case and a risk assessment first
change | system-change | The risk-averse culture kills good ideas before they start
change | system-change | The structures pull against us: contracts, targets, inspections
change | system-change | Some things are decided in Whitehall and we can't budge them
working | system-change | Good to see the trust loosen the rules on carers staying overnight after our feedback
change | system-change | Legal had to review a one-page leaflet, took three months
change | system-change | Each organisation has its own systems and none of them link up
change | system-change | The whole thing is so top-down that local ideas get lost
working | system-change | The commissioners rewrote the service spec with our wording in it, I didn't think that could happen
change | system-change | You fill in a form to ask permission to fill in a form
change | system-change | The big institutions move at a snail's pace however good the idea
working | funding | We were given £25 for the afternoon which made it feel like our time counts
change | funding | The bus fare came out of my own pocket again
change | funding | There's no money to print the leaflets we designed
change | funding | Please sort out the claim forms, it takes weeks to get money back
working | funding | Being paid makes me feel like a professional, not a charity case
change | funding | The project money runs out in March and nobody knows what happens next
working | funding | They paid for a taxi so I didn't have to struggle on two buses
working | funding | Nice certificate at the end, people felt appreciated
change | funding | Staff are paid to be here and we're not, that doesn't feel fair
change | funding | A small thank you would go a long way, even a card
change | funding | Can the carers get a voucher? They've given up a whole day
change | funding | I had to pay £8 to park at the hospital
change | funding | The pot for lived experience payments has run dry
working | funding | Getting my childcare paid back made it possible for me to come
working | funding | They named everyone who took part in the annual report, that felt like proper credit
change | funding | Our ideas need money behind them or they're just wishes
change | funding | The claim form is four pages long for a £6 bus fare
change | funding | It's unpaid and it's starting to feel like we're being used
working | funding | Grateful that lunch and travel were covered
change | funding | Staff get time back in lieu, patients get nothing
change | funding | Some of us are on tight budgets, please pay people promptly
change | funding | I'm on universal credit and worried that being paid will affect my benefits
working | funding | The charity's grant paid for the venue and the lunch
change | funding | Who's going to pay for any of this once the pilot ends?
working | funding | The manager wrote to each of us personally to say thank you for the hours we've given
change | funding | Nobody's acknowledged how much unpaid time carers are putting into this
change | accessibility | The slides were full of abbreviations nobody explained
change | accessibility | Holding it upstairs with no lift means I can't come
working | accessibility | Having the papers in big print helped me read along
change | accessibility | Please can there be a dial-in option for those who can't travel
change | accessibility | The room was so echoey I couldn't follow with my hearing aids
change | accessibility | Make it easier for autistic people: less noise, a clear plan and time to answer
change | accessibility | My English isn't good, someone to translate would help me say what I think
change | accessibility | The evening slot is impossible for parents with small kids
working | accessibility | Putting everything in everyday language made a huge difference
change | accessibility | The online form didn't work with my screen reader
working | accessibility | The community centre is on the bus route so it was easy to get to
working | accessibility | Breaks every half hour really helped me manage my pain
change | accessibility | Some of us don't have laptops or data, please don't make it online only
change | accessibility | The car park was a long way from the entrance, hard going with a walking frame
working | accessibility | They asked everyone beforehand what they needed to be able to take part
working | accessibility | The simple picture version was brilliant, my daughter understood all of it
change | accessibility | A lunchtime meeting during Ramadan was hard for some of us
change | accessibility | There were no captions on the video
change | accessibility | We need a quiet room for people who get overwhelmed
change | accessibility | Information should come in Urdu and Polish too
change | accessibility | Too many long documents, I switched off
working | accessibility | Felt welcome as a wheelchair user for once, everything had been thought about
working | accessibility | Being able to join from home on my phone meant I didn't miss out
change | accessibility | The handouts were tiny writing on grey paper
working | accessibility | The facilitator checked everyone could see and hear before we started
change | accessibility | Not everyone can sit through three hours without a proper break
change | accessibility | It was all talk and no time to write things down, hard if you have dyslexia
change | accessibility | People who can't read well got left behind with all the forms
working | accessibility | Someone met me at the door and showed me where everything was, made it less daunting with my anxiety
change | relationships-trust | It takes a long time to trust services again after what happened to my son
working | relationships-trust | I finally felt they were on my side
working | relationships-trust | The nurse remembered my name and what I said last time, small thing but it matters
working | relationships-trust | People were kind and nobody judged me when I got upset
change | relationships-trust | When a staff member rolled their eyes at me I just shut down
change | relationships-trust | We need to be able to say what we really think without it coming back on us
working | relationships-trust | Being believed, that's what made today different
working | relationships-trust | It feels safer now we know each other a bit
change | relationships-trust | They keep promising to get back to us and it never comes, people stop believing them
working | relationships-trust | Staff were open about their own worries which made it easier for us to be open too
working | relationships-trust | The group has become like a little family
working | relationships-trust | I didn't feel talked down to
change | relationships-trust | I'm worried that what I say in here might affect my care
change | relationships-trust | Some of the professionals got quite defensive when we raised problems
working | relationships-trust | A staff member sat with me at lunch and just chatted, it broke the ice
change | relationships-trust | Being straight about what can't change would do more than promises they can't keep
working | relationships-trust | I opened up about my experience and was met with warmth
change | relationships-trust | One cancelled meeting with no explanation undoes months of goodwill
working | relationships-trust | I feel respected as a parent here
working | relationships-trust | People are starting to relax and have a laugh together
change | relationships-trust | The new staff member didn't introduce herself and it put people on edge
working | relationships-trust | I was nervous but they made me feel I belonged
change | relationships-trust | It still feels like they're humouring us rather than really hearing us
working | relationships-trust | After months of coming I actually feel I can be honest with the staff here
working | assets | I've got 20 years of running a shop, so I sorted out the budget spreadsheet
working | assets | My experience of being sectioned is something I can use to help others
working | assets | They let me write the leaflet because I'm good with words
working | assets | Families know what works for their kids better than anyone and they were asked
change | assets | We should ask what people are good at, not just what's wrong with them
working | assets | One of the lads did the artwork for the poster, it looks amazing
change | assets | Nobody asked what I could offer, just what I thought of the plan
working | assets | Using people's own tricks for coping made the guide really practical
change | assets | I'm a trained counsellor and I'd love to help, but I'm only ever asked to tell my story
working | assets | The group is full of talent: a translator, a teacher, a web designer
change | assets | Our carers know the system inside out and that should shape the plan
working | assets | It felt good to be seen as someone with something to give, not a patient
working | assets | A member who works in IT set up the online form for us
change | assets | Can we make a list of what everyone's good at so we use it
working | assets | What my daughter's condition has taught me over the years was finally put to use
change | assets | Start from what people can do rather than their diagnosis
working | assets | The retired accountant in our group has been amazing at checking the figures
change | assets | People bring so much more than their stories, let's use it
working | assets | A mum who's a hairdresser was brilliant at getting the shy ones talking
change | assets | We waste what people know by only asking them to fill in surveys
working | assets | The young people knew far more about social media than any of us and ran that part
working | assets | Staff were amazed how much the patients knew about the medication side effects
change | assets | People are more than their illness, give them a chance to show what they're capable of
working | catalysts | We finally agreed who's doing what by when
change | catalysts | Lots of talk, not much doing
working | catalysts | The new welcome pack is already in use on the ward, it started from our idea
change | catalysts | We need someone to grab an idea and run with it
working | catalysts | Trying the new appointment letter for a month is a great first step
change | catalysts | This is the third meeting we've discussed the same thing without deciding anything
working | catalysts | The small trial showed it works, now we can scale it up
working | catalysts | I came away with a clear job to do for once
change | catalysts | Nobody follows up between sessions so it all stalls
working | catalysts | Seeing the change actually happen gave us all a boost
change | catalysts | Let's stop planning and just try something
working | catalysts | The energy in the room turned into a plan by the end
change | catalysts | We've been talking about the signs for a year, just put them up
change | catalysts | A quick win would keep people coming back
working | catalysts | The new system started on Monday, can't believe we got there
change | catalysts | Who is actually going to take this forward?
working | catalysts | One person's enthusiasm got the whole thing moving
change | catalysts | Ideas keep getting parked, let's pick one and do it
working | catalysts | Two weeks after we suggested it the clinic started texting reminders
change | catalysts | We go round and round and nothing ever lands
working | catalysts | It's gone from a chat to an actual project with dates
change | catalysts | feels like a talking shop, where's the follow through
working | catalysts | The parents pushed for it and now it's real, the new room opens next month
working | mutuality | I get as much out of it as I put in
working | mutuality | Staff learned from us and we learned how the clinic works from them
working | mutuality | It's not just us handing over feedback any more, they share what's hard for them too
change | mutuality | Feels very one-sided, we give our time and stories and get little back
working | mutuality | Helping other parents has helped me make sense of my own experience
working | mutuality | We teach each other, that's the best bit
working | mutuality | The staff talked about their own pressures and we came up with ideas to help them
change | mutuality | I'd like it to be more of an exchange, not an interview
change | mutuality | Both sides should share the responsibility for making it work
working | mutuality | We back the service and the service backs us, it works both ways
working | mutuality | Everyone left with something, not just the organisation
change | mutuality | They take our ideas but we never get anything out of it
working | mutuality | I learnt how hard it is for the nurses, and they learnt what it's like at home for us
working | mutuality | A fair swap: my experience in return for their training
change | mutuality | It should be a two-way street
working | mutuality | Members mentor the new members and get mentored themselves
change | mutuality | At the moment we do the giving and the service does the taking
working | mutuality | The doctor said she'd learnt more from us in an hour than from a year of training, and I learnt loads from her
working | mutuality | We all pitched in and we all got something from it
change | mutuality | There has to be something in it for the families, not just for the trust
working | blurring-roles | You couldn't tell who was staff and who was a patient, which is how it should be
working | blurring-roles | A carer co-chaired with the service manager
change | blurring-roles | The doctors dominated the discussion and we just sat there
change | blurring-roles | Patients should have an equal say in the decisions, not just an opinion
working | blurring-roles | Everyone on first-name terms, no Dr this or Sister that
working | blurring-roles | Staff took their lanyards off and it changed the feel of the room
change | blurring-roles | It still feels like the professionals decide and we just advise
working | blurring-roles | One of the young people led the training for the staff
working | blurring-roles | We took turns to chair
change | blurring-roles | The power is still with staff, they set the agenda and write the minutes
working | blurring-roles | The consultant sat in the circle with us rather than at a top table
working | blurring-roles | A parent and a nurse ran the workshop together
working | blurring-roles | I ended up running a table, and the staff member at it was happy to follow
change | blurring-roles | Still very much them and us in how the room is set up
change | blurring-roles | Staff should step back and let the families lead sometimes
working | blurring-roles | Nobody pulled rank
working | blurring-roles | The social worker joined as a parent herself, wearing both hats
change | blurring-roles | Share the chairing between staff and members
change | blurring-roles | Why do the staff always sit together on one side of the room?
working | blurring-roles | It didn't matter who was the nurse and who was the service user, we were all just people with ideas
change | blurring-roles | Staff still do all the presenting while we listen like an audience
working | blurring-roles | The ward manager took notes while a patient led the meeting
working | networks | Met a mum from another area who's been through the same and we're meeting up
working | networks | Putting us in touch with the local carers' group was really helpful
change | networks | The different teams should share what they're doing, we keep reinventing the wheel
working | networks | Someone from the housing charity came and now we have a direct line to them
working | networks | I've made friends here I'll keep after the programme ends
change | networks | Could we link up with the patient groups at the other hospital?
working | networks | I feel less alone knowing there are others in the same boat
working | networks | The peer group has become my lifeline
change | networks | It'd be good to have a shared list of local groups people can go to
working | networks | We connected with the school nurses and now they send families our way
change | networks | An email list or Facebook group would keep us in touch between sessions
working | networks | Hearing what the north team are trying gave us ideas
working | networks | Bringing together people from different services was the best part
working | networks | The leaders of the community groups are a great bridge to families
change | networks | I'd like to meet people from the other projects
working | networks | The charity stall at lunch was so useful, I've signed up to their walking group
working | networks | People swapped numbers and made plans to meet up
change | networks | We work in our own bubbles, a joint session with the other teams would help
working | networks | I introduced two families to each other and now they look out for each other
change | networks | Nobody from the local mental health charities was there, they'd be great partners
working | networks | We've got a little group of carers who text each other every week now
change | networks | Put us in contact with the other wards doing the same work
working | - | The sandwiches were better this time
change | - | It was freezing in there again
change | - | The projector kept cutting out
change | - | Can we have more biscuits
working | - | It was fine
change | - | No comment
change | - | Not much to say this time
working | - | I liked the icebreaker game
change | - | The slides had a few spelling mistakes
working | - | Fire alarm went off halfway through, which gave us a laugh
working | - | The session was well organised
working | - | Loved the sticky note activity
change | - | Hard to say, I missed most of it
working | - | Everything was fine thanks
change | - | The minutes had my name spelt wrong
change | - | More sticky notes!
change | - | We ran out of chairs
working | - | Good
working | - | Enjoyed the chat about the leaflet colours
change | - | The food on the ward is cold by the time it gets to you
change | - | My appointment was cancelled twice this month
working | - | Nice that we finished on time
change | - | The wifi password didn't work
working | - | The music in the break was a nice touch
change | - | Put the agenda on the wall so we can see it
working | - | Really enjoyed today
change | - | The coffee machine was broken
working | - | my first time, still finding my feet
change | - | Can we have the next one on a Thursday
working | - | Interesting presentation on the new building
change | - | The toilets need cleaning
working | - | Good to catch up with everyone
change | - | I'd rather not say
change | - | The pens kept running out
working | - | Liked the new room
change | - | Medication reviews take too long to come through at the pharmacy
working | - | The weather held up for the walk at lunch
"""

# Written after reading the development set (data/themes_dev.jsonl): the same kinds of
# situation in other words, none a copy. Measuring on that set must leave these out too.
_AFTER_DEV = """
working | right-people | A couple of people who are still in treatment came along, not just those who finished years ago
change | right-people | We talk about people in supported housing but none of them were asked to come
working | right-people | The youth worker brought three teenagers and they completely changed the conversation
change | right-people | Nobody here has used the service in the last five years, we're out of date
working | right-people | Having people speak for themselves instead of relatives or key workers speaking for them
change | right-people | There are no partners or husbands here, only the mums, and they're part of it too
working | right-people | We found new people through the library and the job centre and it showed, fresh views
change | right-people | The room is nearly all staff again, hardly any of the people we're meant to be designing with
change | right-people | Nobody from the Bangladeshi community, and they're a big part of who we see
working | right-people | Great to hear from someone who'd been turned away by the service, not just the happy customers
change | right-people | A few loud voices take over and the newer people don't get a word in
working | right-people | This time we had people from the estate and the villages, not just the town centre regulars
change | right-people | We should be going to where people already are rather than waiting for them to find us
working | right-people | Grandparents raising grandchildren came for the first time and had a lot to say
working | buy-in | The head of nursing put it in writing that staff can come in work time
change | buy-in | The managers never ask us how it went, so it doesn't feel like it counts
working | buy-in | Our director talked about the project at the staff briefing, so people finally knew it existed
change | buy-in | I was told off for coming last time because the clinic was short, nobody above us supports it
working | buy-in | The medical director agreed to champion two of our ideas at the executive meeting
change | buy-in | Senior staff send apologies every time, it gives a message that this doesn't matter
working | buy-in | Having the service lead say out loud that this is core work, not an extra, helped a lot
change | buy-in | Nobody above team level has heard of what we're doing
change | buy-in | Our manager says it's a good idea but won't change the rota to let us come
working | buy-in | The operations director asked for our recommendations to go to the next board meeting
change | buy-in | We need the people who make the decisions to own this, not just the enthusiasts
working | buy-in | My manager rearranged the clinic list so I could attend, and asked me to report back
change | buy-in | It lives or dies on the goodwill of a few keen staff because leadership aren't interested
change | time-capacity | Two of the nurses were called back to the unit halfway through
change | time-capacity | With a newborn at home I can only manage a short meeting every month or so
working | time-capacity | Keeping the pre-reading to one side of paper meant I actually read it
change | time-capacity | We tried to cover six topics in two hours and didn't finish any of them
working | time-capacity | Monthly meetings are about right, any more and I couldn't keep up with everything else
change | time-capacity | The tasks between meetings never get done, everyone's too swamped at work
working | time-capacity | The facilitator let the discussion run on instead of cutting us off to stick to the timings
change | time-capacity | I spent the whole session worrying about the emails and referrals piling up back at the office
working | time-capacity | Being allowed to come to the parts that matter to me made it fit round my job
change | time-capacity | Half the team is off sick and the rest of us are covering, there's no room for anything extra
working | time-capacity | Spending the whole hour on one question gave us time to get beneath the surface
change | time-capacity | Caring for my husband takes most of my day, I can't commit to every session
working | time-capacity | The homework was optional so I didn't feel guilty when work got on top of me
change | time-capacity | The winter rush means staff will drop out, we need to plan around that
working | time-capacity | It didn't feel rushed and it didn't drag, the pace was just right
change | system-change | Three different organisations have to agree before a single line on the form can change
change | system-change | The review of the referral route has been going on for two years and nothing has changed
working | system-change | It helped to understand how the contracts work, now we know where we can make a difference
change | system-change | The rules are set at regional level so whatever we redesign locally, the thresholds stay the same
change | system-change | Each reorganisation wipes out the progress and we start again from scratch
working | system-change | It was good to be honest that some changes are years away and depend on national decisions
change | system-change | The patient record app can't be changed until the national contract runs out
change | system-change | Our policies are out of date and nobody has the authority to rewrite them
working | system-change | Mapping who is responsible for what, the council, the hospital, the GP, helped us see where things get stuck
change | system-change | Anything that matters has to go up to a committee that only meets every three months
change | system-change | The hospital, the GP and the council all keep separate records so families tell their story again and again
working | system-change | We're keeping a list of the problems that sit above us so they can be passed upwards
change | system-change | The way the whole service is organised means people keep getting a new care coordinator
working | funding | Someone checked that being paid wouldn't affect my benefits before I started, that was a relief
change | funding | The vouchers took two months to come through
working | funding | They paid for a carer to sit with my wife so I could attend
change | funding | The staff are on the clock and we get a sandwich, it doesn't sit right
working | funding | Travel and parking were paid in cash on the day, no forms to fill in
change | funding | There's no budget attached to any of the ideas, so who pays for them?
working | funding | Being paid a proper hourly rate shows they value what we give up to be here
change | funding | The expense form needs receipts for everything, I've given up claiming
working | funding | We've been given a small budget of our own to spend on what the group decides
change | funding | The rate hasn't gone up in years and it's less than minimum wage once you count the prep
change | funding | Young people get a voucher and adults get cash, that's not fair
change | funding | We've heard the grant might not be renewed, it's hard to plan anything
change | funding | Carers give up as much time as patients and don't get paid a penny
working | funding | My payment came within a week this time, a big improvement
change | funding | The payroll system takes so long that people have stopped coming
working | accessibility | The booklet had pictures and simple words so I knew what was happening before I arrived
change | accessibility | The loop system wasn't on and my dad couldn't hear a thing
working | accessibility | There was a calm room to go to when it got too much, so I stayed all day
change | accessibility | So many initials and abbreviations, I didn't know what half of them meant
working | accessibility | Having someone to translate for the Arabic-speaking mums meant they could join in
change | accessibility | The only baby change was upstairs and there was no lift
working | accessibility | The facilitator read everything out so nobody was embarrassed about their reading
change | accessibility | The slides were crammed with small text, too hard to follow
change | accessibility | The noise of all the tables talking at once was too much for my autistic son
working | accessibility | Using simple words and checking we understood meant everyone could take part
change | accessibility | The ramp was hidden round the back and hard to find with a buggy
working | accessibility | Being able to join by video meant disabled parents didn't miss out
change | accessibility | Everything relied on writing on sticky notes, which is hard if you struggle with spelling
working | accessibility | They gave my daughter time to answer in her own way and she loved having her say
change | accessibility | People with memory problems get lost in long discussions without anything visual
working | accessibility | The signer meant our Deaf member could take a full part
change | accessibility | Nothing was translated, so families who don't read English couldn't follow
change | accessibility | Could we use drawing or photos as well, for people who don't like speaking in front of a group
working | accessibility | Babies were welcome and there was a space to feed, so mums didn't have to stay away
working | relationships-trust | I could say something honest to the doctor without worrying it would end up in my notes
change | relationships-trust | It feels like some staff are watching us, waiting for us to put a foot wrong
working | relationships-trust | We've known each other long enough now that the difficult conversations are easier
change | relationships-trust | After how my family was treated I'm not ready to believe them yet
working | relationships-trust | People admitted what hadn't worked and nobody was blamed for it
change | relationships-trust | When I talked about my traumatic birth, a midwife got defensive and I wished I hadn't said anything
working | relationships-trust | The round at the start where we all shared something about our week helped people settle
change | relationships-trust | Last time they said they'd get back to us and never did, it knocked people's confidence in them
working | relationships-trust | The same friendly faces every time, it's something I look forward to
change | relationships-trust | There was a falling out last session and we need to patch things up before we carry on
change | relationships-trust | Someone repeated a person's story outside the group, we need to agree what stays in the room
working | relationships-trust | Nobody looked at their phone when I was talking and I felt respected
change | relationships-trust | I don't feel able to speak freely with my own key worker sitting opposite me
working | relationships-trust | It took months but the families now ring me directly when they have an idea
working | assets | I did bookkeeping for thirty years and costing the options was right up my street
change | assets | I'm a qualified designer and nobody has asked me to help with the posters
working | assets | One member is brilliant at acting and her role play taught the staff a lot
change | assets | People in recovery know how to get round the system, use that, not just how we feel
working | assets | Having been a doula meant I could explain things to the other mums
change | assets | We should find out at the start what everyone is good at, there's a lot of hidden talent
working | assets | Managing my own conditions for years counts for something here
change | assets | The older members have decades of committee and volunteering experience that we never use
working | assets | My knowledge of the local community made me the go-between, and they saw that as a strength
change | assets | My son is great with a camera and would happily take photos if anyone asked
working | assets | The man who used to be a chef is planning the cooking side, perfect fit
working | assets | I got to use my coding to mock up the app idea, it felt like my abilities mattered
change | assets | We ask about people's illness and forget they have jobs, hobbies and know-how
working | assets | Local people's knowledge of the buses and shops made the map far better
change | assets | I speak four languages and could help with translating, but nobody has asked
working | catalysts | We left with three actions, each with a name and a date against it
change | catalysts | Great ideas, but who is chasing them after today?
working | catalysts | The changes we asked for in spring are already done, the new toys and posters are in
change | catalysts | Nothing happens between meetings, we need a few people to keep it moving
working | catalysts | Because of what we said, the phone check-ins start next week
change | catalysts | Our ideas end up sitting in a report, let's choose one and do it
working | catalysts | Seeing our words on the new poster in reception got people excited to do more
change | catalysts | Can we start each day with what's changed since last time, so we can see progress?
working | catalysts | Each team now has someone pushing the ideas through and it's kept things going
working | catalysts | The checklist we wrote last time is already being used on the ward
change | catalysts | Stop trying to make it perfect and try a rough version next month
working | catalysts | Someone said let's just do it and we agreed to run the first group in May
change | catalysts | We need a timeline so we know when things will happen
working | catalysts | Every idea now has a staff member and a patient driving it, things are moving
change | catalysts | We've been promised they'll look into it four times now, I want to see something actually done
working | mutuality | I learnt as much from the patients as they did from me
change | mutuality | We hand over our stories and staff walk off with them, what do we get in return?
working | mutuality | The staff helped my daughter with her talk and she helped them see why the letters confuse her
change | mutuality | Staff ask us lots of questions but never share anything about their side
working | mutuality | I showed the nurse how hearing aids work and she showed me how to use the tablet
change | mutuality | We should ask what families want out of this for themselves
working | mutuality | I explained what the medication is like to live with and they explained why the blood tests matter
change | mutuality | It's lopsided, patients do all the emotional work and the staff just listen
working | mutuality | The peer mentors helped us and we helped them with their CVs, a real exchange
change | mutuality | People should leave with something for themselves, a reference or a new skill
working | mutuality | It wasn't us asking for help and them handing it out, we both brought things and took things home
change | mutuality | I've put a lot in and not had much back, I'd like some support with my caring too
working | mutuality | The midwives learnt from us and in return I understand their pressures better
change | mutuality | Families are expected to prop up the service but get little from it
working | mutuality | We taught them something and they taught us something, a lovely swap
working | blurring-roles | By the break I couldn't tell who worked there and who was a patient
change | blurring-roles | Staff still sit in the expert seats at the front wearing their badges
working | blurring-roles | A support worker talked about her own brother's disability and it changed the room
change | blurring-roles | I'd like to run part of the session next time, not just take part
working | blurring-roles | A mum led the afternoon and one of the psychologists took the notes
change | blurring-roles | The consultant kept talking about 'the patients' as if we weren't sitting there
working | blurring-roles | I spoke as a mum who had a premature baby, not as a midwife
change | blurring-roles | Name badges still say staff or service user, just use our first names
working | blurring-roles | Being introduced as a colleague rather than a client meant a lot
change | blurring-roles | It's always staff holding the pen at the flipchart
working | blurring-roles | A nurse and a patient presented the findings together
change | blurring-roles | Staff decide what goes on the agenda, we should get to as well
working | blurring-roles | I wasn't the physio for the day, just Anna, and people talked to me differently
change | blurring-roles | The doctors sat at their own table in scrubs
change | blurring-roles | No service user has ever chaired the steering group
working | blurring-roles | I sat on the interview panel and asked questions like everyone else
change | blurring-roles | Staff who are carers themselves should feel able to say so
working | networks | I met a dad from the other side of town who'd been through the same, we're keeping in touch
change | networks | We should link in with the local Mind and the recovery college, there's lots of overlap
working | networks | Met someone from the housing team at lunch and we've already sorted a joint referral
change | networks | It'd be good to know about the other parent groups across the county
working | networks | A chat at the break led to a link with the befriending scheme
change | networks | We need a way to link up with the schools and the school nurses
working | networks | Found out there's a walking group two streets away, I'm going next week
change | networks | Could we have a list of everyone's contact details so we can keep in touch?
working | networks | Meeting carers from other teams showed me how much support is out there
change | networks | The food bank, probation and us all work with the same families but never speak
working | networks | Bringing the local self-advocacy groups together for the first time sparked lots of ideas
change | networks | Let's meet the people doing similar work in the next borough
working | networks | Someone here introduced me to the young carers' project
working | networks | The community midwives and the health visitors met properly for the first time
change | networks | We should share what we've learnt with the other programmes in the region
working | networks | I've joined the lunch club at the church after meeting the organiser here
change | - | Parking was terrible, I drove round for twenty minutes
working | - | Proper hot lunch, much better than last time
change | - | The video link didn't work for the first half hour
working | - | Lovely bright room with big windows
change | - | The hall was freezing, put the heating on earlier
working | - | Starting at half ten meant nobody was stressed about the traffic
change | - | The coffee in the urn was awful
working | - | The online polls were fun and quick
change | - | The snow stopped half the group getting in
working | - | Handy that the venue was right next to the station
change | - | The microphone kept cutting out
working | - | The new community centre felt less clinical than the hospital
change | - | Can we avoid Monday mornings, everyone's tired
working | - | The online whiteboard was handy for capturing ideas
change | - | The chairs were uncomfortable by the afternoon
working | - | Nice to have fruit out all day
change | - | Nobody could get on the wifi
working | - | The summer holidays were a better time for our group than term time
change | - | The building work next door was really loud
working | - | We had the session outside in the garden, lovely
change | - | The room was too small for the number of people
working | - | The lunch was really tasty
change | - | The slides wouldn't load on the laptop
working | - | Good sandwiches and plenty of tea
change | - | There was a funny smell in the room
working | - | Nice venue
change | - | The trains were cancelled so I was late
working | - | The timer on the screen kept us on track
change | - | The speaker phone was crackly
working | - | Lovely cakes
"""


# Written once the model was settled, as a fresh check in the development set's manner (new
# situations, none taken from it), measured once before being added here: 0.777 of them found
# their theme (the first model: 0.662). Like the voices above, they may be used to measure only
# with themselves left out.
_CHECK = """
working | right-people | Brilliant that two of the lads from the youth offending team came, we'd never have heard their side otherwise
change | right-people | Everyone round the table has a car and a landline. We're missing anyone who's struggling to get by
change | right-people | The only patients here are the ones who like coming to meetings, not the ones who've had a rough time on the ward
working | right-people | A woman who'd been in the mother and baby unit last year joined us and her view was so current
change | right-people | I'd love to see some of the families who've complained, they'd tell us things we don't want to hear
working | right-people | This time we asked people at the clinic door if they wanted to join instead of using the same list
change | right-people | No one who is partially sighted, no one who uses a wheelchair, and we're talking about the entrance
working | right-people | Hearing a 19 year old's take on the transition clinic was eye-opening, she's exactly who it's for
change | right-people | It's mostly retired folk in the daytime slot, working-age people never get a look in
change | right-people | We should ask the dads directly, not rely on the mums to pass on what they think
working | buy-in | The chief exec mentioned our group at the all-staff briefing, which got people asking how to join
change | buy-in | My manager only lets me come if the clinic is quiet, which it never is
working | buy-in | The director of nursing has agreed to sponsor the project and report on it to the board
change | buy-in | If the senior team won't come to a single session, why would staff think it matters?
working | buy-in | Our team lead blocked out the morning for all of us, it showed she's serious about it
change | buy-in | We hear lots of warm words from the top but nothing changes in what staff are allowed to do
working | buy-in | Having the head of service in the room when we agreed the actions meant they actually got agreed
change | buy-in | Middle managers seem to see this as a distraction from the real work
working | buy-in | The GP practice manager gave the receptionists the afternoon to come, first time ever
change | buy-in | We need someone in charge to make this a priority, not leave it to goodwill
change | time-capacity | I had to go back to the ward at eleven because two people had phoned in sick
change | time-capacity | Looking after my mum means I can only manage an hour, and then I have to dash
working | time-capacity | Keeping the session to the morning meant I could still do my afternoon visits
change | time-capacity | We cram so much into each meeting that the last three items always get dropped
working | time-capacity | Having the actions spread over two months instead of two weeks made them doable
change | time-capacity | I'm already doing two people's jobs, there's no way to squeeze in the follow-up work
working | time-capacity | The break in the middle and a slower start meant nobody felt rushed
change | time-capacity | Fitting this around school pick-up and a part-time job is really hard
change | time-capacity | We keep losing people because their diaries fill up months ahead
working | time-capacity | Being given the papers a week early meant I had time to read them properly
change | system-change | Whatever we come up with has to go through the trust's approval process, and that takes ages
change | system-change | The appointments system can't send texts in any language but English, and apparently that's a national contract
working | system-change | The new discharge policy was signed off across health and social care in one go, I didn't think that was possible
change | system-change | Everything is decided by targets set somewhere else, we just have to fit round them
change | system-change | The hospital and the council each have their own forms for the same thing, and neither will change theirs
working | system-change | It helped to hear how the commissioning cycle works, now we know when to push
change | system-change | We've been waiting for the new patient record to be rolled out for three years
change | system-change | Every time there's a new organisation structure the project gets lost
working | system-change | Good to see the rules about relatives staying on the ward finally changed at trust level
change | system-change | The service is designed around what the organisation needs, and changing that is like turning a ship
working | funding | The payment for the day arrived the following week without me having to chase it
change | funding | I've spent a fortune on taxis to get here and the claim still hasn't come through
working | funding | Having our parking paid meant I didn't have to worry about the meter
change | funding | There is no money set aside to actually make any of our ideas happen
change | funding | Those of us on benefits need clear advice before we accept any payment
working | funding | They gave everyone a gift card and a handwritten thank you, small but it meant a lot
change | funding | The staff get a paid day, carers give up a day's work and get nothing
change | funding | The project is funded until the summer and then nobody knows
working | funding | The group was given a small pot to spend as we choose and it's made us feel trusted
change | funding | Paying people late is making some of us think twice about coming
change | accessibility | The papers were full of initials and long words, I needed my daughter to explain them
working | accessibility | The room had a hearing loop and it actually worked for once
change | accessibility | Holding it on the second floor with a broken lift means I can't get there
working | accessibility | Having an interpreter for the Polish families meant they could have their say
change | accessibility | Could the slides be bigger and clearer? I couldn't read them from my seat
working | accessibility | A picture version of the agenda helped the self-advocates follow what was happening
change | accessibility | The noise of everyone talking at once was too much for me, I have to leave when it gets loud
working | accessibility | Being able to dial in by phone meant I could still take part when I wasn't well enough to travel
change | accessibility | Not everyone can write things down, we need other ways of sharing ideas
working | accessibility | They checked beforehand whether anyone needed anything to be able to join in
working | relationships-trust | The nurse who used to scare me sat next to me and we had a proper laugh
change | relationships-trust | Some of us still worry that if we speak up it'll affect the care we get
working | relationships-trust | After a few sessions people are telling the truth rather than what they think staff want to hear
change | relationships-trust | When the facilitator cut me off mid-sentence I felt like I didn't matter
working | relationships-trust | Staff said sorry for how things went last year and that made a big difference
change | relationships-trust | They promised to tell us what happened to our suggestions and never did, people notice
working | relationships-trust | There's real warmth now, we check in on each other between sessions
change | relationships-trust | A couple of staff were quite dismissive when parents got upset, that puts people off
working | relationships-trust | I felt safe enough to talk about the worst day I had on the ward
change | relationships-trust | People need to know their stories will stay in the room
working | assets | One of the carers is a retired solicitor and helped us word the complaints leaflet
change | assets | We have people who have lived with this for twenty years and we only ask them about their feelings
working | assets | A young person who's great at video made a short film for the staff training
change | assets | Nobody has ever asked what I did before I got ill, I managed a team of forty
working | assets | The mums' tips for getting through the first weeks shaped the whole welcome pack
change | assets | Let's ask people what they can bring at the start instead of giving everyone the same task
working | assets | I used my experience of running a café to plan how the waiting area could work
change | assets | We focus on the problems people have instead of the things they're good at
working | assets | My years of fighting the system for my son meant I knew which forms mattered
working | assets | One member speaks BSL and taught the group a few signs, brilliant
working | catalysts | Three weeks after we suggested it, the new signs are up in the corridor
change | catalysts | We've talked about the same problem for four meetings now and nothing has happened
working | catalysts | The trial of the evening clinic started because of what the families said here
change | catalysts | Can we agree one thing to do before we next meet, and who's doing it?
working | catalysts | It's exciting to see the idea from day one now being tested on the ward
change | catalysts | All the energy goes into discussing, none into actually doing
working | catalysts | The group decided to just give it a go and the first drop-in was a success
change | catalysts | Someone needs to drive this forward between sessions or it will drift
working | catalysts | We ended with a clear plan and dates, which felt like real progress
change | catalysts | Ideas keep getting written on flipcharts and then forgotten
working | mutuality | I told the staff what it's like at home and they told us what it's like on a night shift, we both learnt something
change | mutuality | It feels like we give and give and the service takes and takes
working | mutuality | Helping the newer parents has given me confidence back, so it works both ways
change | mutuality | What do the patients get out of this? It shouldn't just be the service that benefits
working | mutuality | The pharmacist explained my tablets and I explained what the side effects are really like, fair exchange
change | mutuality | Staff should share something of themselves too, not just take our stories away
working | mutuality | Everyone brought something to the table and everyone went away with something
change | mutuality | At the moment it's one-way traffic, from us to them
working | mutuality | We're learning from each other, it's not just them teaching us
change | mutuality | I'd like the service to give something back to the families who give up their time
working | blurring-roles | A service user and a consultant chaired the meeting together and you couldn't tell who was in charge
change | blurring-roles | Staff still sit on one side of the room and the rest of us on the other
working | blurring-roles | No one wore a uniform or a badge and we all used first names
change | blurring-roles | It's always the professionals who present and we just listen
working | blurring-roles | One of the parents ran the training for the new staff
change | blurring-roles | The doctors make the decisions and we get asked what we think afterwards
working | blurring-roles | The ward manager made the tea while a patient led the discussion
change | blurring-roles | Why can't a member of the group co-facilitate alongside staff?
working | blurring-roles | I forgot which people were staff, we were all just working on the problem together
change | blurring-roles | People keep introducing themselves by job title, it sets up a pecking order
working | networks | I met another carer whose husband has the same condition, we meet for coffee now
change | networks | We should link up with the carers' centre, they already run groups like this
working | networks | Finding out what the team in the next county did saved us months of work
change | networks | It would help to have a contact list so we can stay in touch between meetings
working | networks | The local faith groups came along and now they share our leaflets with their members
change | networks | We never hear what the other teams in the programme are doing
working | networks | I've joined a peer support group I found out about here
change | networks | Let's invite the local charities so families know where else to go for help
working | networks | The WhatsApp group keeps us connected between sessions
change | networks | There's no link between us and the school, and they see the children every day
working | - | The sandwiches were fresh and there was a vegetarian option
change | - | The room was far too hot by the afternoon
change | - | The screen kept going blank during the presentation
working | - | Nice and quiet venue, easy to find
change | - | Could we have more tea breaks and better biscuits
working | - | The interactive polls on our phones were fun
change | - | The heating clanked all morning
change | - | It poured with rain and the umbrellas were everywhere
working | - | A lovely big room with lots of light
change | - | The online meeting link came through late and I couldn't find it
"""


def written(*, after_dev: bool = True) -> list[tuple[str, str | None, str]]:
    """(question, theme or None, text) for every reply written here; ``after_dev=False``
    leaves out those written after reading the development set."""
    rows = []
    for line in (_TEXT + (_AFTER_DEV + _CHECK if after_dev else "")).splitlines():
        if not line.strip():
            continue
        question, theme, text = (part.strip() for part in line.split("|", 2))
        rows.append((question, None if theme == "-" else theme, text))
    return rows
